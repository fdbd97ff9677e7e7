package com.google.re2j;

import java.util.Arrays;

/**
 * RE2's bounded backtracker ("BitState", Go's {@code regexp/backtrack.go}) run over the program
 * RE2/J compiled for a {@link Pattern}: finds the same leftmost-first match, with the same groups,
 * as {@link Matcher#find(int)} followed by {@link Matcher#group(int)}, in one pass instead of RE2/J's
 * two NFA passes (bounds, then groups), and without the NFA's per-character thread copying. Time and
 * memory stay linear: each (instruction, position) pair is explored at most once, marked in a bitmap.
 *
 * <p>Only texts of up to {@value #MAX_LENGTH} chars are searched here ({@link #fits}), which keeps
 * the bitmap small (at most {@value #MAX_PROGRAM} instructions by {@value #MAX_LENGTH} positions)
 * and covers most log lines; the caller gives longer texts to RE2/J's NFA, also linear, several
 * times slower per char. Hostile records are therefore all on one engine from 1 KiB up, where
 * {@code AdversarialInputTest} measures how time grows with length.
 *
 * <p>It lives in RE2/J's package because the compiled program is package-private there; it reads
 * the program and never changes it. Thread-safe: the scratch space is per thread.
 */
public final class BoundedBacktracker {

    /** Go's limit on the program ... */
    private static final int MAX_PROGRAM = 500;
    /** ... and ours on the text (Go's is 256 Kib of bitmap). */
    private static final int MAX_LENGTH = 400;

    /** Assertions that read the character after a position (RE2/J's group pass reads one past the match only). */
    private static final int READS_AHEAD =
            Utils.EMPTY_END_LINE | Utils.EMPTY_END_TEXT | Utils.EMPTY_WORD_BOUNDARY | Utils.EMPTY_NO_WORD_BOUNDARY;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Inst[] program;
    private final int start;
    private final int startCond;
    private final String prefix;
    private final int ncap;
    private final boolean readsAhead;

    private BoundedBacktracker(RE2 re2, boolean readsAhead) {
        Prog prog = re2.prog;
        this.program = Arrays.copyOf(prog.inst, prog.numInst());
        this.start = prog.start;
        this.startCond = re2.cond;
        this.prefix = re2.prefix;
        this.ncap = 2 * (1 + re2.numberOfCapturingGroups());
        this.readsAhead = readsAhead;
    }

    /**
     * A backtracker for {@code pattern}, or {@code null} when its program is too large or uses an
     * instruction or mode this class does not run (leftmost-longest, {@code ALT_MATCH}).
     */
    public static BoundedBacktracker of(Pattern pattern) {
        RE2 re2 = pattern.re2();
        Prog prog = re2.prog;
        if (re2.longest || prog.numInst() > MAX_PROGRAM || prog.numInst() == 0) {
            return null;
        }
        boolean readsAhead = false;
        for (int pc = 0; pc < prog.numInst(); pc++) {
            Inst inst = prog.getInst(pc);
            switch (inst.op) {
                case Inst.ALT,
                        Inst.CAPTURE,
                        Inst.FAIL,
                        Inst.MATCH,
                        Inst.NOP,
                        Inst.RUNE,
                        Inst.RUNE1,
                        Inst.RUNE_ANY,
                        Inst.RUNE_ANY_NOT_NL -> {}
                case Inst.EMPTY_WIDTH -> readsAhead |= (inst.arg & READS_AHEAD) != 0;
                default -> {
                    return null;
                }
            }
        }
        return new BoundedBacktracker(re2, readsAhead);
    }

    /** The length of the array {@link #find} fills: start and end of the match and of each group. */
    public int captureLength() {
        return ncap;
    }

    /** Whether a text of {@code length} chars is searched here (see the class comment). */
    public boolean fits(int length) {
        return length <= MAX_LENGTH;
    }

    /**
     * Finds the regex's first match in {@code text} at or after {@code from}, as RE2/J's
     * {@code matcher(text).find(from)} does, and puts its bounds and groups (-1 for a group that took
     * no part) in {@code caps}, as {@code start(g)} and {@code end(g)} would give them.
     *
     * @param caps an array of at least {@link #captureLength()} ints
     * @throws IllegalArgumentException when the text does not {@link #fits fit}
     */
    public boolean find(String text, int from, int[] caps) {
        if (!fits(text.length())) {
            throw new IllegalArgumentException("text too long for the bounded backtracker: " + text.length());
        }
        Scratch scratch = SCRATCH.get();
        if (!search(text, from, text.length(), scratch)) {
            return false;
        }
        int matchStart = scratch.matchcap[0];
        int matchEnd = scratch.matchcap[1];
        if (readsAhead) {
            // RE2/J reads the groups in a second search of the text cut one char after the match;
            // an assertion at the cut can see the end there. Do the same.
            if (!search(text, matchStart, Math.min(matchEnd + 1, text.length()), scratch)) {
                throw new IllegalStateException("inconsistency in matching group data");
            }
        }
        System.arraycopy(scratch.matchcap, 0, caps, 0, ncap);
        caps[0] = matchStart;
        caps[1] = matchEnd;
        return true;
    }

    /** Go's {@code backtrack}: an unanchored search of {@code text[0, end)} from {@code pos}. */
    private boolean search(String text, int pos, int end, Scratch s) {
        if (startCond == Utils.EMPTY_ALL) {
            return false;
        }
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) != 0 && pos != 0) {
            return false;
        }
        s.reset(program.length, ncap, pos, end);
        if ((startCond & Utils.EMPTY_BEGIN_TEXT) != 0) {
            s.cap[0] = pos;
            return tryBacktrack(text, end, s, pos);
        }
        int width = -1;
        for (; pos <= end && width != 0; pos += width) {
            if (!prefix.isEmpty()) {
                int at = text.indexOf(prefix, pos);
                if (at < 0 || at + prefix.length() > end) {
                    return false;
                }
                pos = at;
            }
            s.rebaseIfPast(pos);
            s.cap[0] = pos;
            if (tryBacktrack(text, end, s, pos)) {
                return true;
            }
            width = pos < end ? Character.charCount(Character.codePointAt(text, pos)) : 0;
        }
        return false;
    }

    /** Go's {@code tryBacktrack}: the first match starting at {@code pos}, in priority order. */
    private boolean tryBacktrack(String text, int end, Scratch s, int startPos) {
        s.jobs = 0;
        s.push(program, start, startPos, false);
        while (s.jobs > 0) {
            s.jobs--;
            int pc = s.jobPc[s.jobs];
            int pos = s.jobPos[s.jobs];
            boolean arg = s.jobArg[s.jobs];
            boolean check = false;
            while (true) {
                if (check && !s.shouldVisit(pc, pos)) {
                    break;
                }
                check = true;
                Inst inst = program[pc];
                int op = inst.op;
                if (op == Inst.ALT) {
                    if (arg) {
                        arg = false;
                        pc = inst.arg;
                    } else {
                        s.push(program, pc, pos, true);
                        pc = inst.out;
                    }
                } else if (op == Inst.RUNE || op == Inst.RUNE1 || op == Inst.RUNE_ANY || op == Inst.RUNE_ANY_NOT_NL) {
                    if (pos >= end) {
                        break;
                    }
                    int c = Character.codePointAt(text, pos);
                    boolean matches = switch (op) {
                        case Inst.RUNE -> inst.matchRune(c);
                        case Inst.RUNE1 -> c == inst.runes[0];
                        case Inst.RUNE_ANY -> true;
                        default -> c != '\n';
                    };
                    if (!matches) {
                        break;
                    }
                    pos += Character.charCount(c);
                    pc = inst.out;
                } else if (op == Inst.CAPTURE) {
                    if (arg) {
                        s.cap[inst.arg] = pos; // restore the value saved in the job's position
                        break;
                    }
                    if (inst.arg < ncap) {
                        s.push(program, pc, s.cap[inst.arg], true);
                        s.cap[inst.arg] = pos;
                    }
                    pc = inst.out;
                } else if (op == Inst.EMPTY_WIDTH) {
                    if ((inst.arg & ~context(text, pos, end)) != 0) {
                        break;
                    }
                    pc = inst.out;
                } else if (op == Inst.NOP) {
                    pc = inst.out;
                } else if (op == Inst.MATCH) {
                    s.cap[1] = pos;
                    System.arraycopy(s.cap, 0, s.matchcap, 0, ncap);
                    return true;
                } else {
                    break; // FAIL
                }
            }
        }
        return false;
    }

    /**
     * The empty-width flags at {@code pos} as RE2/J's NFA sees them: the character before, and the
     * one at {@code pos} unless the search ends there.
     */
    private static int context(String text, int pos, int end) {
        int before = pos > 0 ? Character.codePointBefore(text, pos) : -1;
        int after = pos < end ? Character.codePointAt(text, pos) : -1;
        return Utils.emptyOpContext(before, after);
    }

    /** One thread's reusable arrays. */
    private static final class Scratch {
        int[] visited = new int[64];
        int numInst;
        int base;
        /** One past the last visited word, to clear. */
        int used;

        int[] cap = new int[8];
        int[] matchcap = new int[8];
        int[] jobPc = new int[64];
        int[] jobPos = new int[64];
        boolean[] jobArg = new boolean[64];
        int jobs;

        /** Positions {@code from} to {@code end + 1} (a pair of surrogates can step one past the end). */
        void reset(int numInst, int ncap, int from, int end) {
            Arrays.fill(visited, 0, used, 0);
            used = 0;
            this.numInst = numInst;
            this.base = from;
            int words = (int) (((long) numInst * (end - from + 2) + 31) / 32);
            if (visited.length < words) {
                visited = new int[Math.max(words, visited.length * 2)];
            }
            if (cap.length < ncap) {
                cap = new int[ncap];
                matchcap = new int[ncap];
            }
            Arrays.fill(cap, 0, ncap, -1);
            Arrays.fill(matchcap, 0, ncap, -1);
            jobs = 0;
        }

        /**
         * Forgets the visited marks when a new start lies past every marked position: no state
         * before a start is reachable from it, so only the span searched is ever cleared.
         */
        void rebaseIfPast(int pos) {
            if ((long) (pos - base) * numInst >= (long) used * 32) {
                Arrays.fill(visited, 0, used, 0);
                used = 0;
                base = pos;
            }
        }

        boolean shouldVisit(int pc, int pos) {
            int n = (pos - base) * numInst + pc;
            int word = n >>> 5;
            int bit = 1 << (n & 31);
            if ((visited[word] & bit) != 0) {
                return false;
            }
            visited[word] |= bit;
            if (word >= used) {
                used = word + 1;
            }
            return true;
        }

        void push(Inst[] program, int pc, int pos, boolean arg) {
            if (program[pc].op == Inst.FAIL || !(arg || shouldVisit(pc, pos))) {
                return;
            }
            if (jobs == jobPc.length) {
                jobPc = Arrays.copyOf(jobPc, jobs * 2);
                jobPos = Arrays.copyOf(jobPos, jobs * 2);
                jobArg = Arrays.copyOf(jobArg, jobs * 2);
            }
            jobPc[jobs] = pc;
            jobPos[jobs] = pos;
            jobArg[jobs] = arg;
            jobs++;
        }
    }
}
