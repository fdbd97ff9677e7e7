// Checks imwatch's deploy stack without a Docker daemon or a Kubernetes cluster: the compose file,
// the Prometheus and Alertmanager configs it mounts, every Kubernetes manifest and overlay, and that
// the PrometheusRule carries exactly deploy/prometheus/rules/imwatch.rules.yml.
//
// Run by deploy/validate.sh as a single-file program (java -cp snakeyaml.jar Validate.java ROOT):
// the JDK plus SnakeYAML, nothing else. Prints one line per check ("ok", "FAIL", "warn") and exits 1
// if any check failed.

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class Validate {

    // ---- the contract: names and paths the rest of the project relies on -----------------------

    static final String COMPOSE = "deploy/compose/docker-compose.yml";
    static final String K8S = "deploy/kubernetes";
    static final String EXAMPLES = "deploy/examples";
    static final String RULES = "deploy/prometheus/rules/imwatch.rules.yml";
    static final String CONFIG_JAVA = "stream-app/src/main/java/io/imwatch/app/config/ImwatchConfig.java";
    static final String GRAFANA_PROVISIONING = "grafana/provisioning";
    static final String GRAFANA_DASHBOARDS = "grafana/dashboards";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";
    static final String STATE_MOUNT = "/var/lib/imwatch";
    static final int DEFAULT_HTTP_PORT = 8080;
    static final String ENV_PREFIX = "IMWATCH_";
    static final Pattern DNS1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    // ---- reporting ------------------------------------------------------------------------------

    static int passed;
    static int failed;
    static int warned;
    static Path root;

    static void ok(String where, String what) {
        passed++;
        System.out.println("  ok    " + where + ": " + what);
    }

    static void fail(String where, String what) {
        failed++;
        System.out.println("  FAIL  " + where + ": " + what);
    }

    static void warn(String where, String what) {
        warned++;
        System.out.println("  warn  " + where + ": " + what);
    }

    /** ok or FAIL: {@code okText} says what holds, {@code failText} what is wrong and how to fix it. */
    static boolean check(boolean condition, String where, String okText, String failText) {
        if (condition) {
            ok(where, okText);
        } else {
            fail(where, failText);
        }
        return condition;
    }

    static void section(String title) {
        System.out.println("-- " + title);
    }

    // ---- YAML -----------------------------------------------------------------------------------

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** Every document of a YAML file, or null (reported) if it does not parse. */
    static List<Object> loadAll(String rel) {
        Path file = root.resolve(rel);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Object> docs = new ArrayList<>();
            for (Object doc : yaml().loadAll(reader)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
            ok(rel, "parses as YAML (" + docs.size() + (docs.size() == 1 ? " document)" : " documents)"));
            return docs;
        } catch (IOException e) {
            fail(rel, "cannot read: " + e);
            return null;
        } catch (RuntimeException e) {
            fail(rel, "is not valid YAML: " + e.getMessage().replace('\n', ' '));
            return null;
        }
    }

    static Map<String, Object> loadMap(String rel) {
        List<Object> docs = loadAll(rel);
        if (docs == null) {
            return null;
        }
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            fail(rel, "must hold exactly one YAML mapping");
            return null;
        }
        return map(docs.get(0));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** A nested value by path, e.g. get(doc, "spec", "template", "spec"); null if any step is missing. */
    static Object get(Object node, String... path) {
        Object cur = node;
        for (String p : path) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = ((Map<?, ?>) cur).get(p);
        }
        return cur;
    }

    static Map<String, Object> getMap(Object node, String... path) {
        return map(get(node, path));
    }

    static List<Object> getList(Object node, String... path) {
        return list(get(node, path));
    }

    // ---- imwatch's configuration keys, read from its source -------------------------------------

    static Set<String> configKeys = new TreeSet<>();

    static void readConfigKeys() {
        section("imwatch configuration keys (" + CONFIG_JAVA + ")");
        Path file = root.resolve(CONFIG_JAVA);
        try {
            Matcher m = Pattern.compile("_CONFIG\\s*=\\s*\"([a-z0-9.]+)\"").matcher(Files.readString(file));
            while (m.find()) {
                configKeys.add(m.group(1));
            }
        } catch (IOException e) {
            fail(CONFIG_JAVA, "cannot read it to learn the configuration keys: " + e);
            return;
        }
        check(
                configKeys.contains("bootstrap.servers") && configKeys.contains("http.port"),
                CONFIG_JAVA,
                configKeys.size() + " keys defined",
                "found no *_CONFIG = \"key\" constants (did ImwatchConfig move?); update CONFIG_JAVA in "
                        + "deploy/validate/Validate.java");
    }

    /** Problems with one imwatch key (as in a config file), or null if it is fine. */
    static String keyProblem(String key) {
        if (key.startsWith("kafka.") && key.length() > "kafka.".length()) {
            return null;
        }
        if (configKeys.isEmpty() || configKeys.contains(key)) {
            return null;
        }
        String closest = configKeys.stream()
                .min((a, b) -> Integer.compare(distance(key, a), distance(key, b)))
                .orElse("");
        return "unknown imwatch key '" + key + "': imwatch refuses to start"
                + (distance(key, closest) <= 3 ? "; did you mean '" + closest + "'?" : "")
                + " (keys: " + CONFIG_JAVA + "; Kafka client settings go under kafka.*)";
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }

    /** IMWATCH_FOO_BAR -> foo.bar, as the app maps environment variables. */
    static String envKey(String name) {
        return name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    static void checkEnvNames(String where, Iterable<String> names) {
        List<String> bad = new ArrayList<>();
        int count = 0;
        for (String name : names) {
            if (name.startsWith(ENV_PREFIX)) {
                count++;
                String problem = keyProblem(envKey(name));
                if (problem != null) {
                    bad.add(name + ": " + problem);
                }
            }
        }
        if (bad.isEmpty()) {
            if (count > 0) {
                ok(where, count + " IMWATCH_* variables name known keys");
            }
        } else {
            bad.forEach(b -> fail(where, b));
        }
    }

    /** A YAML config file flattened the way imwatch does: nested keys joined with dots. */
    static Map<String, String> flatten(Map<String, Object> yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", yaml, out);
        return out;
    }

    static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? str(k) : prefix + "." + k, v, out));
        } else if (node instanceof List<?> l) {
            out.put(prefix, l.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else if (node != null) {
            out.put(prefix, String.valueOf(node));
        }
    }

    static int intOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---- compose --------------------------------------------------------------------------------

    record Mount(String source, String target, boolean named) {}

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> out = new ArrayList<>();
        for (Object v : list(service.get("volumes"))) {
            if (v instanceof String s) {
                String[] parts = s.split(":");
                if (parts.length >= 2) {
                    boolean named = !(parts[0].startsWith(".") || parts[0].startsWith("/") || parts[0].startsWith("~"));
                    out.add(new Mount(parts[0], parts[1], named));
                }
            } else if (v instanceof Map<?, ?> m) {
                out.add(new Mount(str(m.get("source")), str(m.get("target")), "volume".equals(str(m.get("type")))));
            }
        }
        return out;
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = service.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(str(k), v == null ? "" : str(v)));
        } else if (e instanceof List<?> l) {
            for (Object item : l) {
                String s = str(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** Container ports published by a compose service ("8080:8080", "127.0.0.1:80:8080", long syntax). */
    static Set<Integer> containerPorts(Map<String, Object> service) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Object p : list(service.get("ports"))) {
            if (p instanceof Map<?, ?> m) {
                out.add(intOr(str(m.get("target")), -1));
            } else {
                String s = str(p).replaceAll("/(tcp|udp)$", "");
                out.add(intOr(s.substring(s.lastIndexOf(':') + 1), -1));
            }
        }
        return out;
    }

    static String hostOf(String hostPort) {
        String s = hostPort.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int colon = s.lastIndexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    static int portOf(String hostPort, int fallback) {
        String s = hostPort.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int colon = s.lastIndexOf(':');
        return colon < 0 ? fallback : intOr(s.substring(colon + 1), -1);
    }

    /** The repository-relative path of a compose bind-mount source. */
    static String composeSource(String source) {
        Path composeDir = root.resolve(COMPOSE).getParent();
        return root.relativize(composeDir.resolve(source).normalize()).toString();
    }

    static void compose() {
        section("compose stack (" + COMPOSE + ")");
        Map<String, Object> doc = loadMap(COMPOSE);
        if (doc == null) {
            return;
        }
        Map<String, Object> services = getMap(doc, "services");
        Set<String> declaredVolumes = getMap(doc, "volumes").keySet();
        for (String required : List.of("kafka", "imwatch", "prometheus", "alertmanager", "grafana")) {
            check(
                    services.containsKey(required),
                    COMPOSE,
                    "service '" + required + "' is defined",
                    "service '" + required + "' is missing; the stack needs kafka, imwatch, prometheus, "
                            + "alertmanager and grafana");
        }
        services.forEach((name, s) -> {
            Map<String, Object> service = map(s);
            String where = COMPOSE + " service " + name;
            check(
                    service.get("image") != null || service.get("build") != null,
                    where,
                    "has an image (" + service.get("image") + ")",
                    "has neither image nor build");
            Object deps = service.get("depends_on");
            Set<String> depNames = deps instanceof Map<?, ?> m
                    ? m.keySet().stream().map(String::valueOf).collect(Collectors.toSet())
                    : list(deps).stream().map(String::valueOf).collect(Collectors.toSet());
            for (String dep : depNames) {
                check(
                        services.containsKey(dep),
                        where,
                        "depends_on '" + dep + "' exists",
                        "depends_on '" + dep + "', which is not a service");
            }
            for (Mount mount : mounts(service)) {
                if (mount.named()) {
                    check(
                            declaredVolumes.contains(mount.source()),
                            where,
                            "named volume '" + mount.source() + "' is declared",
                            "uses volume '" + mount.source() + "' but the top-level volumes: does not declare it");
                } else {
                    String rel = composeSource(mount.source());
                    boolean optional = rel.startsWith("grafana") || rel.startsWith("deploy/prometheus/rules");
                    if (Files.exists(root.resolve(rel))) {
                        ok(where, "mount source " + rel + " exists");
                    } else if (optional) {
                        warn(where, "mount source " + rel + " does not exist yet (written elsewhere); "
                                + "docker compose mounts an empty directory until it does");
                    } else {
                        fail(where, "mount source " + rel + " does not exist");
                    }
                }
            }
            checkEnvNames(where, environment(service).keySet());
        });

        Map<String, Object> kafka = map(services.get("kafka"));
        Map<String, Object> imwatch = map(services.get("imwatch"));
        Map<String, String> kafkaEnv = environment(kafka);
        Map<String, String> env = environment(imwatch);

        // Kafka: official image, KRaft, single node
        String kafkaImage = str(kafka.get("image"));
        check(
                kafkaImage != null && kafkaImage.startsWith("apache/kafka:"),
                COMPOSE + " kafka",
                "uses the official apache/kafka image",
                "image is " + kafkaImage + "; use the official apache/kafka image");
        String kafkaVersion = pomProperty("kafka.version");
        if (kafkaImage != null && kafkaVersion != null && !kafkaImage.endsWith(":" + kafkaVersion)) {
            warn(COMPOSE + " kafka", "image " + kafkaImage + " differs from <kafka.version>" + kafkaVersion
                    + " in pom.xml (clients work with other brokers, but keep them in step)");
        }
        String roles = kafkaEnv.getOrDefault("KAFKA_PROCESS_ROLES", "");
        check(
                roles.contains("broker") && roles.contains("controller") && kafkaEnv.containsKey("CLUSTER_ID"),
                COMPOSE + " kafka",
                "runs KRaft (broker,controller) with a fixed CLUSTER_ID",
                "needs KAFKA_PROCESS_ROLES=broker,controller and CLUSTER_ID for a single-node KRaft broker");
        check(
                kafka.get("healthcheck") != null,
                COMPOSE + " kafka",
                "has a healthcheck",
                "has no healthcheck; imwatch waits for it (depends_on: condition: service_healthy)");

        // imwatch
        String where = COMPOSE + " imwatch";
        check(
                "imwatch:latest".equals(str(imwatch.get("image"))),
                where,
                "runs imwatch:latest (docker load < stream-app/target/jib-image.tar)",
                "image is " + imwatch.get("image") + "; the Jib tarball is tagged imwatch:latest");
        List<String> command = list(imwatch.get("command")).stream().map(String::valueOf).toList();
        check(
                !command.isEmpty() && command.get(0).equals("run"),
                where,
                "command starts with 'run'",
                "command must start with 'run' (it replaces the image's CMD), got " + command);
        boolean createsTopics = command.contains("--create-topics")
                || services.keySet().stream().anyMatch(s -> s.contains("init"));
        check(
                createsTopics,
                where,
                "topics are created (--create-topics or an init service)",
                "nothing creates the topics: add --create-topics to the command or a topic-init service");
        String bootstrap = env.getOrDefault("IMWATCH_BOOTSTRAP_SERVERS", "");
        String advertised = kafkaEnv.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        check(
                !bootstrap.isBlank()
                        && services.containsKey(hostOf(bootstrap.split(",")[0]))
                        && advertised.contains("//" + bootstrap.split(",")[0]),
                where,
                "IMWATCH_BOOTSTRAP_SERVERS=" + bootstrap + " is a listener the kafka service advertises",
                "IMWATCH_BOOTSTRAP_SERVERS='" + bootstrap + "' must be host:port of a KAFKA_ADVERTISED_LISTENERS "
                        + "entry (" + advertised + "); empty would start an embedded broker instead");
        check(
                "true".equals(env.get("IMWATCH_DEMO_ENABLED")),
                where,
                "demo traffic is on (IMWATCH_DEMO_ENABLED=true)",
                "set IMWATCH_DEMO_ENABLED=\"true\" so the stack has traffic against an external broker");
        int httpPort = intOr(env.get("IMWATCH_HTTP_PORT"), DEFAULT_HTTP_PORT);
        check(
                containerPorts(imwatch).contains(httpPort),
                where,
                "publishes http.port " + httpPort,
                "ports: does not publish the container's http.port " + httpPort);
        check(
                mounts(imwatch).stream().anyMatch(m -> m.target().equals(STATE_MOUNT)),
                where,
                "state volume at " + STATE_MOUNT,
                "mount a volume at " + STATE_MOUNT + " (Kafka Streams state)");
        String stateDir = env.get("IMWATCH_STATE_DIR");
        if (stateDir != null) {
            check(
                    stateDir.equals(STATE_MOUNT) || stateDir.startsWith(STATE_MOUNT + "/"),
                    where,
                    "IMWATCH_STATE_DIR is on the state volume",
                    "IMWATCH_STATE_DIR=" + stateDir + " is not under " + STATE_MOUNT);
        }
        check(
                "service_healthy".equals(str(get(imwatch, "depends_on", "kafka", "condition"))),
                where,
                "waits for a healthy kafka",
                "depends_on: kafka: condition: service_healthy, or imwatch starts before the broker");
        String am = env.getOrDefault("IMWATCH_ALERTMANAGER_URL", "");
        if (!am.isBlank()) {
            check(
                    services.containsKey(hostOf(am)) && portOf(am, 80) == 9093,
                    where,
                    "IMWATCH_ALERTMANAGER_URL points at the alertmanager service",
                    "IMWATCH_ALERTMANAGER_URL=" + am + " should be http://alertmanager:9093");
        }

        stopGracePeriod(imwatch);

        String promConfig = composeConfigFile(map(services.get("prometheus")), "--config.file=", "prometheus");
        String amConfig = composeConfigFile(map(services.get("alertmanager")), "--config.file=", "alertmanager");
        if (promConfig != null) {
            prometheus(promConfig, map(services.get("prometheus")), services, httpPort);
        }
        if (amConfig != null) {
            alertmanager(amConfig);
        }
        boolean rulesMounted = mounts(map(services.get("prometheus"))).stream()
                .anyMatch(m -> !m.named() && composeSource(m.source()).equals(Path.of(RULES).getParent().toString()));
        grafana(map(services.get("grafana")), rulesMounted);
    }

    // ---- how long imwatch may take to stop ---------------------------------------------------------

    /** One timeout imwatch's shutdown may wait out, found in the code by a pattern whose group 1 is the number. */
    record ShutdownBound(String file, String what, Pattern pattern, long millisPerUnit) {}

    static final String APP_SRC = "stream-app/src/main/java/io/imwatch/app/";

    /**
     * ImwatchApp.close() closes these one after the other (demo producer, alert forwarder, HTTP
     * server, Kafka Streams), each bounded by its own timeout: their sum is the worst case.
     */
    static final List<ShutdownBound> SHUTDOWN_BOUNDS = List.of(
            new ShutdownBound(APP_SRC + "config/ImwatchConfig.java", "Kafka Streams close (shutdown.timeout default)",
                    Pattern.compile("SHUTDOWN_TIMEOUT_CONFIG,\\s*Type\\.STRING,\\s*\"(\\d+)s\""), 1000),
            new ShutdownBound(APP_SRC + "alerts/delivery/AlertForwarder.java", "alert forwarder join",
                    Pattern.compile("thread\\.join\\(([\\d_]+)\\)"), 1),
            new ShutdownBound(APP_SRC + "demo/DemoProducer.java", "demo thread join",
                    Pattern.compile("thread\\.join\\(([\\d_]+)\\)"), 1),
            new ShutdownBound(APP_SRC + "demo/DemoProducer.java", "demo producer close",
                    Pattern.compile("producer\\.close\\(Duration\\.ofSeconds\\((\\d+)\\)\\)"), 1000),
            new ShutdownBound(APP_SRC + "run/HttpEndpoints.java", "HTTP handlers",
                    Pattern.compile("awaitTermination\\((\\d+), TimeUnit\\.SECONDS\\)"), 1000));

    /** Margin for the JVM's own exit (shutdown hooks, log flush) after the bounded steps. */
    static final long SHUTDOWN_MARGIN_MS = 5_000;

    /** A compose duration ("30s", "1m30s", "500ms") in milliseconds, or -1. */
    static long composeDurationMillis(String text) {
        if (text == null || !text.matches("(\\d+(ms|s|m|h))+")) {
            return -1;
        }
        long total = 0;
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
        }
        return total;
    }

    /** stop_grace_period must outlast imwatch's worst-case close, read from the code. */
    static void stopGracePeriod(Map<String, Object> imwatch) {
        String where = COMPOSE + " imwatch";
        long worst = 0;
        List<String> parts = new ArrayList<>();
        for (ShutdownBound b : SHUTDOWN_BOUNDS) {
            String code;
            try {
                code = Files.readString(root.resolve(b.file()));
            } catch (IOException e) {
                fail(where, "cannot read " + b.file() + " for the " + b.what() + " timeout: " + e);
                return;
            }
            Matcher m = b.pattern().matcher(code);
            if (!m.find()) {
                fail(where, "cannot find the " + b.what() + " timeout in " + b.file() + " (" + b.pattern()
                        + "); update SHUTDOWN_BOUNDS in Validate.java to the new code");
                return;
            }
            long ms = Long.parseLong(m.group(1).replace("_", "")) * b.millisPerUnit();
            worst += ms;
            parts.add(b.what() + " " + ms / 1000.0 + " s");
        }
        String grace = str(imwatch.get("stop_grace_period"));
        long graceMs = composeDurationMillis(grace);
        long needed = worst + SHUTDOWN_MARGIN_MS;
        check(
                graceMs >= needed,
                where,
                "stop_grace_period " + grace + " outlasts the worst-case close of " + worst / 1000.0 + " s " + parts
                        + " + " + SHUTDOWN_MARGIN_MS / 1000 + " s",
                "stop_grace_period " + grace + " is below imwatch's worst-case close of " + worst / 1000.0 + " s " + parts
                        + " + " + SHUTDOWN_MARGIN_MS / 1000 + " s for the JVM's exit: docker would kill it mid-close "
                        + "(under exactly-once an aborted transaction and a longer restore at the next start); set it to at least "
                        + (needed + 999) / 1000 + "s");
    }

    /** The host file mounted where the service's --config.file= flag points. */
    static String composeConfigFile(Map<String, Object> service, String flag, String name) {
        String where = COMPOSE + " " + name;
        String target = list(service.get("command")).stream()
                .map(String::valueOf)
                .filter(c -> c.startsWith(flag))
                .map(c -> c.substring(flag.length()))
                .findFirst()
                .orElse(null);
        if (target == null) {
            fail(where, "command has no " + flag + "PATH");
            return null;
        }
        for (Mount m : mounts(service)) {
            if (!m.named() && m.target().equals(target)) {
                String rel = composeSource(m.source());
                ok(where, flag + target + " is mounted from " + rel);
                return Files.isRegularFile(root.resolve(rel)) ? rel : null;
            }
        }
        fail(where, flag + target + " is not a file mounted from the repository");
        return null;
    }

    static String pomProperty(String name) {
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(root.resolve("pom.xml")));
            return m.find() ? m.group(1).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- Prometheus / Alertmanager / Grafana (compose) -------------------------------------------

    static void prometheus(String rel, Map<String, Object> service, Map<String, Object> services, int httpPort) {
        section("Prometheus config (" + rel + ")");
        Map<String, Object> doc = loadMap(rel);
        if (doc == null) {
            return;
        }
        // rule_files must reach deploy/prometheus/rules/imwatch.rules.yml through a mount
        String rulesDir = Path.of(RULES).getParent().toString();
        String rulesTarget = mounts(service).stream()
                .filter(m -> !m.named() && composeSource(m.source()).equals(rulesDir))
                .map(Mount::target)
                .findFirst()
                .orElse(null);
        check(
                rulesTarget != null,
                COMPOSE + " prometheus",
                rulesDir + " is mounted at " + rulesTarget,
                "mount " + rulesDir + " (the rules) into the prometheus container");
        List<String> ruleFiles = getList(doc, "rule_files").stream().map(String::valueOf).toList();
        String inContainer = rulesTarget == null ? null : rulesTarget + "/" + Path.of(RULES).getFileName();
        boolean matched = inContainer != null
                && ruleFiles.stream().anyMatch(g -> FileSystems.getDefault().getPathMatcher("glob:" + g).matches(Path.of(inContainer)));
        check(
                matched,
                rel,
                "rule_files " + ruleFiles + " load " + inContainer,
                "rule_files " + ruleFiles + " do not match " + inContainer + " (the mounted " + RULES + ")");
        // scrape imwatch
        Map<String, Object> job = getList(doc, "scrape_configs").stream()
                .map(Validate::map)
                .filter(j -> "imwatch".equals(str(j.get("job_name"))))
                .findFirst()
                .orElse(null);
        if (check(job != null, rel, "has scrape job 'imwatch'", "needs a scrape job named 'imwatch' (the rules select job=\"imwatch\")")) {
            String path = str(job.getOrDefault("metrics_path", METRICS));
            check(METRICS.equals(path), rel, "job imwatch scrapes " + METRICS, "job imwatch scrapes " + path + ", not " + METRICS);
            List<String> targets = getList(job, "static_configs").stream()
                    .flatMap(sc -> getList(sc, "targets").stream())
                    .map(String::valueOf)
                    .toList();
            check(
                    targets.contains("imwatch:" + httpPort),
                    rel,
                    "job imwatch targets imwatch:" + httpPort,
                    "job imwatch targets " + targets + "; expected imwatch:" + httpPort + " (service:http.port)");
        }
        List<String> amTargets = getList(doc, "alerting", "alertmanagers").stream()
                .flatMap(a -> getList(a, "static_configs").stream())
                .flatMap(sc -> getList(sc, "targets").stream())
                .map(String::valueOf)
                .toList();
        check(
                !amTargets.isEmpty() && amTargets.stream().allMatch(t -> services.containsKey(hostOf(t))),
                rel,
                "alerts go to " + amTargets,
                "alerting.alertmanagers must target the alertmanager service (alertmanager:9093), got " + amTargets);
    }

    static void alertmanager(String rel) {
        section("Alertmanager config (" + rel + ")");
        Map<String, Object> doc = loadMap(rel);
        if (doc == null) {
            return;
        }
        Set<String> receivers = getList(doc, "receivers").stream()
                .map(r -> str(get(r, "name")))
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String receiver = str(get(doc, "route", "receiver"));
        check(
                receiver != null && receivers.contains(receiver),
                rel,
                "route.receiver '" + receiver + "' is defined",
                "route.receiver '" + receiver + "' must be one of the receivers " + receivers);
        inhibitRules(rel, doc);
    }

    // ---- Alertmanager inhibit rules against the alerts that really exist ---------------------------

    static final String DEFAULT_ALERT_RULES = "stream-app/src/main/resources/io/imwatch/app/alerts/rules/default-rules.yaml";
    static final String RULE_TESTS = "deploy/prometheus/tests";
    static final Pattern AM_MATCHER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(.*)\"|(\\S*))\\s*");

    /**
     * An alert imwatch's stack can raise: labels with a fixed value (alertname, severity, source,
     * Prometheus' external labels) and the names of labels whose value varies (vendor, instance...).
     */
    record AlertKind(String origin, Map<String, String> fixed, Set<String> varying) {
        String label() {
            return fixed.get("alertname") + "(" + origin + ")";
        }

        boolean has(String name) {
            return fixed.containsKey(name) || varying.contains(name);
        }

        /** Whether some alert of this kind can satisfy the matcher (op, value). */
        boolean mayMatch(String name, String op, String value) {
            if (!fixed.containsKey(name) && varying.contains(name)) {
                // any non-empty value: only ="" and =~ patterns that match nothing non-empty fail
                return switch (op) {
                    case "=" -> !value.isEmpty();
                    case "=~" -> !value.isEmpty() && !value.equals("^$");
                    default -> true;
                };
            }
            String actual = fixed.getOrDefault(name, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.matches(value, actual);
                case "!~" -> !Pattern.matches(value, actual);
                default -> false;
            };
        }
    }

    /** The alerts the Prometheus rules (labels seen in their promtool tests) and the in-stream detector produce. */
    static List<AlertKind> alertKinds(Map<String, String> externalLabels) {
        Map<String, Set<String>> testedLabels = new LinkedHashMap<>();
        for (String test : yamlFiles(RULE_TESTS)) {
            Map<String, Object> doc = loadMap(test);
            for (Object t : getList(doc, "tests")) {
                for (Object art : getList(t, "alert_rule_test")) {
                    Set<String> names = testedLabels.computeIfAbsent(str(get(art, "alertname")), k -> new TreeSet<>());
                    for (Object alert : getList(art, "exp_alerts")) {
                        names.addAll(getMap(alert, "exp_labels").keySet());
                    }
                }
            }
        }
        List<AlertKind> kinds = new ArrayList<>();
        alertRules().forEach((name, rule) -> {
            Map<String, String> fixed = new LinkedHashMap<>(externalLabels);
            getMap(rule, "labels").forEach((k, v) -> fixed.put(k, str(v)));
            fixed.put("alertname", name);
            Set<String> varying = new TreeSet<>(testedLabels.getOrDefault(name, Set.of()));
            varying.removeAll(fixed.keySet());
            if (!testedLabels.containsKey(name) || testedLabels.get(name).isEmpty()) {
                fail(RULES + " alert " + name, "no promtool test in " + RULE_TESTS + " shows its labels (exp_labels)");
            }
            kinds.add(new AlertKind("prometheus", fixed, varying));
        });
        Map<String, Object> defaults = loadMap(DEFAULT_ALERT_RULES);
        for (Object rule : getList(defaults, "rules")) {
            Map<String, String> fixed = new LinkedHashMap<>();
            fixed.put("alertname", str(get(rule, "name")));
            fixed.put("severity", str(get(rule, "severity")));
            fixed.put("source", "imwatch");
            Set<String> varying = getList(rule, "groupBy").stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
            kinds.add(new AlertKind("imwatch", fixed, varying));
        }
        return kinds;
    }

    /** The matchers of an inhibit rule side: {@code source_matchers} strings and legacy {@code source_match(_re)} maps. */
    static List<String[]> matchers(Object rule, String side, String where) {
        List<String[]> out = new ArrayList<>();
        for (Object m : getList(rule, side + "_matchers")) {
            Matcher mm = AM_MATCHER.matcher(str(m));
            if (mm.matches()) {
                out.add(new String[] {mm.group(1), mm.group(2), mm.group(4) != null ? mm.group(4) : mm.group(5)});
            } else {
                fail(where, "cannot read the matcher '" + m + "'");
            }
        }
        getMap(rule, side + "_match").forEach((k, v) -> out.add(new String[] {k, "=", str(v)}));
        getMap(rule, side + "_match_re").forEach((k, v) -> out.add(new String[] {k, "=~", str(v)}));
        return out;
    }

    /** Each inhibit rule must be able to fire: a source and a different target alert that agree on every equal label. */
    static void inhibitRules(String rel, Map<String, Object> doc) {
        List<Object> rules = getList(doc, "inhibit_rules");
        if (rules.isEmpty()) {
            return;
        }
        Map<String, String> external = new LinkedHashMap<>();
        Map<String, Object> prom = loadMap("deploy/compose/prometheus.yml");
        getMap(prom, "global", "external_labels").forEach((k, v) -> external.put(k, str(v)));
        List<AlertKind> kinds = alertKinds(external);
        for (int i = 0; i < rules.size(); i++) {
            Object rule = rules.get(i);
            String where = rel + " inhibit_rules[" + i + "]";
            List<String[]> source = matchers(rule, "source", where);
            List<String[]> target = matchers(rule, "target", where);
            List<String> equal = getList(rule, "equal").stream().map(String::valueOf).toList();
            List<AlertKind> sources = kinds.stream()
                    .filter(k -> source.stream().allMatch(m -> k.mayMatch(m[0], m[1], m[2])))
                    .toList();
            List<AlertKind> targets = kinds.stream()
                    .filter(k -> target.stream().allMatch(m -> k.mayMatch(m[0], m[1], m[2])))
                    .toList();
            List<String> pairs = new ArrayList<>();
            for (AlertKind s : sources) {
                for (AlertKind t : targets) {
                    if (s != t && equal.stream().allMatch(l -> agree(s, t, l))) {
                        pairs.add(s.label() + " mutes " + t.label());
                    }
                }
            }
            check(!sources.isEmpty(), where, "source matchers match " + sources.stream().map(AlertKind::label).toList(),
                    "source matchers match no alert the Prometheus rules or imwatch's detector raise");
            check(!targets.isEmpty(), where, "target matchers match " + targets.stream().map(AlertKind::label).toList(),
                    "target matchers match no alert the Prometheus rules or imwatch's detector raise");
            check(
                    !pairs.isEmpty(),
                    where,
                    "can inhibit (equal " + equal + "): " + pairs,
                    "can never inhibit anything: no source and (different) target alert agree on equal " + equal
                            + " (a label only one side carries, or fixed values that differ); make source, target and equal "
                            + "describe a real cause and its consequence, or remove the rule");
        }
    }

    /** Whether alerts of two kinds can have the same value (or both none) for label l. */
    static boolean agree(AlertKind s, AlertKind t, String l) {
        if (!s.has(l) || !t.has(l)) {
            return !s.has(l) && !t.has(l);
        }
        String a = s.fixed().get(l);
        String b = t.fixed().get(l);
        return a == null || b == null || a.equals(b);
    }

    static final String GRAFANA_PROVISIONING_TARGET = "/etc/grafana/provisioning";

    /** Every repository file a service's bind mounts put into the container: container path to repo path. */
    static Map<String, String> mountedFiles(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Mount m : mounts(service)) {
            if (m.named()) {
                continue;
            }
            Path source = root.resolve(composeSource(m.source()));
            if (Files.isRegularFile(source)) {
                out.put(m.target(), root.relativize(source).toString());
            } else if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    files.filter(Files::isRegularFile)
                            .sorted()
                            .forEach(f -> out.put(
                                    m.target() + "/" + source.relativize(f).toString().replace('\\', '/'),
                                    root.relativize(f).toString()));
                } catch (IOException e) {
                    fail(COMPOSE + " grafana", "cannot list " + source + ": " + e);
                }
            }
        }
        return out;
    }

    static void grafana(Map<String, Object> service, boolean prometheusRulesMounted) {
        section("Grafana provisioning (" + GRAFANA_PROVISIONING + ", " + GRAFANA_DASHBOARDS + ")");
        String where = COMPOSE + " grafana";
        String dashboards = null;
        for (Mount m : mounts(service)) {
            if (!m.named() && composeSource(m.source()).equals(GRAFANA_DASHBOARDS)) {
                dashboards = m.target();
            }
        }
        // What lands in Grafana's provisioning directory, whatever the mounts look like: the data
        // source and the dashboard provider, and no Grafana-managed alert rules while Prometheus
        // evaluates the rules of deploy/prometheus/rules (each spike would be notified twice).
        Map<String, String> provisioned = mountedFiles(service);
        for (String kind : List.of("datasources", "dashboards")) {
            String dir = GRAFANA_PROVISIONING_TARGET + "/" + kind + "/";
            List<String> files = provisioned.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(dir))
                    .map(Map.Entry::getValue)
                    .toList();
            check(
                    !files.isEmpty(),
                    where,
                    dir + " gets " + files,
                    "nothing is mounted into " + dir + "; mount " + GRAFANA_PROVISIONING + "/" + kind + " there");
        }
        List<String> alerting = provisioned.entrySet().stream()
                .filter(e -> e.getKey().startsWith(GRAFANA_PROVISIONING_TARGET + "/alerting/"))
                .map(Map.Entry::getValue)
                .toList();
        check(
                alerting.isEmpty() || !prometheusRulesMounted,
                where,
                "no Grafana-managed alert rules beside the Prometheus rules",
                "mounts Grafana-managed alert rules " + alerting + " while Prometheus loads deploy/prometheus/rules: "
                        + "every spike would be notified twice; mount only " + GRAFANA_PROVISIONING
                        + "/datasources and /dashboards (grafana/README.md, \"Grafana-managed alert rule\")");
        check(dashboards != null, where, GRAFANA_DASHBOARDS + " is mounted at " + dashboards, "mount " + GRAFANA_DASHBOARDS);
        // the provisioning files are written elsewhere: check they agree with these mounts when present
        for (String rel : yamlFiles(GRAFANA_PROVISIONING + "/dashboards")) {
            Map<String, Object> doc = loadMap(rel);
            for (Object p : getList(doc, "providers")) {
                String path = str(get(p, "options", "path"));
                check(
                        dashboards != null && path != null && (path.equals(dashboards) || path.startsWith(dashboards + "/")),
                        rel,
                        "provider '" + get(p, "name") + "' reads " + path + ", where compose mounts " + GRAFANA_DASHBOARDS,
                        "provider '" + get(p, "name") + "' reads options.path=" + path + " but compose mounts "
                                + GRAFANA_DASHBOARDS + " at " + dashboards + "; make them agree");
            }
        }
        for (String rel : yamlFiles(GRAFANA_PROVISIONING + "/datasources")) {
            Map<String, Object> doc = loadMap(rel);
            for (Object ds : getList(doc, "datasources")) {
                if ("prometheus".equals(str(get(ds, "type")))) {
                    String url = str(get(ds, "url"));
                    check(
                            url != null && hostOf(url).equals("prometheus") && portOf(url, 80) == 9090,
                            rel,
                            "datasource '" + get(ds, "name") + "' reaches the prometheus service (" + url + ")",
                            "datasource '" + get(ds, "name") + "' url=" + url + "; in the compose stack Prometheus is "
                                    + "http://prometheus:9090");
                }
            }
        }
        if (!Files.isDirectory(root.resolve(GRAFANA_PROVISIONING))) {
            warn(GRAFANA_PROVISIONING, "does not exist yet (written elsewhere): Grafana starts without "
                    + "datasources or dashboards until it does");
        }
        Path dash = root.resolve(GRAFANA_DASHBOARDS);
        if (Files.isDirectory(dash)) {
            try (Stream<Path> files = Files.list(dash)) {
                List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
                if (json.isEmpty()) {
                    warn(GRAFANA_DASHBOARDS, "holds no *.json dashboard yet");
                } else {
                    ok(GRAFANA_DASHBOARDS, json.size() + " dashboard(s)");
                }
            } catch (IOException e) {
                fail(GRAFANA_DASHBOARDS, "cannot list: " + e);
            }
        } else {
            warn(GRAFANA_DASHBOARDS, "does not exist yet (written elsewhere)");
        }
    }

    static List<String> yamlFiles(String dirRel) {
        Path dir = root.resolve(dirRel);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(f -> root.relativize(f).toString())
                    .toList();
        } catch (IOException e) {
            fail(dirRel, "cannot list: " + e);
            return List.of();
        }
    }

    // ---- Kubernetes -----------------------------------------------------------------------------

    record Resource(String file, String kind, String name, Map<String, Object> doc) {
        String where() {
            return file + " " + kind + "/" + name;
        }
    }

    static List<Resource> resources = new ArrayList<>();
    /** ConfigMaps made by configMapGenerator: name -> (key -> content). */
    static Map<String, Map<String, String>> generatedConfigMaps = new LinkedHashMap<>();

    static void kubernetes() {
        section("Kubernetes manifests (" + K8S + ")");
        String kustRel = K8S + "/kustomization.yaml";
        Map<String, Object> kust = loadMap(kustRel);
        if (kust == null) {
            return;
        }
        List<String> listed = getList(kust, "resources").stream().map(String::valueOf).toList();
        Set<String> generatorFiles = new LinkedHashSet<>();
        for (Object g : getList(kust, "configMapGenerator")) {
            String name = str(get(g, "name"));
            Map<String, String> data = new LinkedHashMap<>();
            for (Object f : getList(g, "files")) {
                String spec = str(f);
                String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
                String file = spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec;
                generatorFiles.add(file);
                Path p = root.resolve(K8S).resolve(file);
                if (check(Files.isRegularFile(p), kustRel, "configMapGenerator " + name + " file " + file + " exists",
                        "configMapGenerator " + name + " names " + file + ", which does not exist")) {
                    try {
                        data.put(key, Files.readString(p));
                    } catch (IOException e) {
                        fail(kustRel, "cannot read " + file + ": " + e);
                    }
                }
            }
            generatedConfigMaps.put(name, data);
        }
        // every listed file exists, every manifest is listed
        Set<String> notManifests = new TreeSet<>(generatorFiles);
        notManifests.add("kustomization.yaml");
        for (String file : listed) {
            check(Files.isRegularFile(root.resolve(K8S).resolve(file)), kustRel, "resource " + file + " exists",
                    "lists resource " + file + ", which does not exist");
        }
        for (String rel : yamlFiles(K8S)) {
            String file = Path.of(rel).getFileName().toString();
            if (!notManifests.contains(file)) {
                check(listed.contains(file), kustRel, file + " is listed in resources",
                        file + " is not listed in resources: kubectl apply -k would skip it");
            }
        }
        // parse every manifest
        for (String file : listed) {
            String rel = K8S + "/" + file;
            if (!Files.isRegularFile(root.resolve(rel))) {
                continue;
            }
            List<Object> docs = loadAll(rel);
            if (docs == null) {
                continue;
            }
            for (Object d : docs) {
                Map<String, Object> doc = map(d);
                String kind = str(doc.get("kind"));
                String name = str(get(doc, "metadata", "name"));
                boolean complete = doc.get("apiVersion") != null && kind != null && name != null;
                if (!check(complete, rel, "has apiVersion, kind and metadata.name (" + kind + "/" + name + ")",
                        "a document lacks apiVersion, kind or metadata.name")) {
                    continue;
                }
                check(DNS1123.matcher(name).matches() && name.length() <= 253, rel, kind + "/" + name + " is a valid name",
                        kind + " name '" + name + "' is not a DNS-1123 name");
                if (get(doc, "metadata", "namespace") != null && kust.get("namespace") != null) {
                    warn(rel, kind + "/" + name + " sets metadata.namespace; kustomization.yaml's namespace overrides it");
                }
                resources.add(new Resource(rel, kind, name, doc));
            }
        }
        // no Secret: the base must not overwrite one created out of band (deploy/examples/sasl generates one)
        for (String kind : List.of("StatefulSet", "Service", "PodDisruptionBudget", "PrometheusRule")) {
            check(resources.stream().anyMatch(r -> r.kind().equals(kind)), K8S, "has a " + kind, "has no " + kind);
        }
        check(resources.stream().anyMatch(r -> r.kind().equals("PodMonitor") || r.kind().equals("ServiceMonitor")),
                K8S, "has a PodMonitor or ServiceMonitor", "has no PodMonitor or ServiceMonitor: Prometheus would not scrape imwatch");
        check(!generatedConfigMaps.isEmpty() || resources.stream().anyMatch(r -> r.kind().equals("ConfigMap")),
                K8S, "has a ConfigMap", "has no ConfigMap with imwatch.yaml");

        Set<String> kustImages = getList(kust, "images").stream().map(i -> str(get(i, "name"))).collect(Collectors.toSet());
        resources.stream().filter(r -> r.kind().equals("StatefulSet")).forEach(r -> statefulSet(r, kustImages));
        prometheusRule();
    }

    static Resource find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst().orElse(null);
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> Objects.equals(str(labels.get(e.getKey())), str(e.getValue())));
    }

    static void statefulSet(Resource sts, Set<String> kustImages) {
        String where = sts.where();
        Map<String, Object> doc = sts.doc();
        Map<String, Object> podLabels = getMap(doc, "spec", "template", "metadata", "labels");
        Map<String, Object> selector = getMap(doc, "spec", "selector", "matchLabels");
        check(selects(selector, podLabels), where, "selector " + selector + " matches the pod labels",
                "spec.selector.matchLabels " + selector + " does not match the template labels " + podLabels);
        int replicas = intOr(str(get(doc, "spec", "replicas")), 1);

        // governing headless service
        String serviceName = str(get(doc, "spec", "serviceName"));
        Resource headless = find("Service", serviceName == null ? "" : serviceName);
        check(headless != null && "None".equals(str(get(headless.doc(), "spec", "clusterIP"))), where,
                "serviceName " + serviceName + " is a headless Service",
                "spec.serviceName '" + serviceName + "' must name a Service with clusterIP: None");

        Map<String, Object> podSpec = getMap(doc, "spec", "template", "spec");
        List<Object> containers = getList(podSpec, "containers");
        Map<String, Object> c = containers.stream().map(Validate::map)
                .filter(x -> "imwatch".equals(str(x.get("name")))).findFirst().orElse(null);
        if (!check(c != null, where, "has container 'imwatch'", "has no container named imwatch")) {
            return;
        }
        String image = str(c.get("image"));
        String imageName = image == null ? "" : image.replaceFirst("[:@].*$", "");
        check(imageName.equals("imwatch") || kustImages.contains(imageName), where, "image " + image,
                "image " + image + " is neither imwatch nor set by kustomization.yaml images:");

        // the config file
        List<String> args = list(c.get("args")).stream().map(String::valueOf).toList();
        check(!args.isEmpty() && args.get(0).equals("run"), where, "args start with 'run'", "args must start with 'run', got " + args);
        int at = args.indexOf("--config");
        String configPath = at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
        Map<String, String> config = null;
        if (check(configPath != null, where, "passes --config " + configPath, "args have no --config FILE")) {
            config = mountedConfig(podSpec, c, configPath, where);
        }
        String configWhere = configPath == null ? where : K8S + "/" + Path.of(configPath).getFileName();
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(c.get("env"))) {
            env.put(str(get(e, "name")), str(get(e, "value")));
        }
        checkEnvNames(where + " env", env.keySet());
        if (config != null) {
            List<String> bad = config.keySet().stream().map(Validate::keyProblem).filter(Objects::nonNull).toList();
            if (bad.isEmpty()) {
                ok(configWhere, config.size() + " keys, all known to imwatch");
            } else {
                bad.forEach(b -> fail(configWhere, b));
            }
            check(!config.getOrDefault("bootstrap.servers", "").isBlank(), configWhere, "bootstrap.servers is set",
                    "bootstrap.servers is empty: every pod would start its own embedded broker");
            int standby = intOr(config.get("kafka.num.standby.replicas"), 0);
            check(standby >= 1 && standby < replicas, configWhere, "kafka.num.standby.replicas=" + standby + " (replicas " + replicas + ")",
                    "kafka.num.standby.replicas=" + config.get("kafka.num.standby.replicas")
                            + "; want 1 (a warm copy of each task's state on another of the " + replicas + " instances)");
            String demo = config.getOrDefault("demo.enabled", "auto");
            check(!"true".equals(demo), configWhere, "demo traffic is off (demo.enabled=" + demo + ")",
                    "demo.enabled=true would write demo events into the production input topic");
        }

        // static membership from the pod name
        Object instanceId = list(c.get("env")).stream()
                .filter(e -> "IMWATCH_KAFKA_GROUP_INSTANCE_ID".equals(str(get(e, "name"))))
                .map(e -> get(e, "valueFrom", "fieldRef", "fieldPath"))
                .findFirst().orElse(null);
        check("metadata.name".equals(str(instanceId)), where, "kafka.group.instance.id is the pod name (static membership)",
                "set env IMWATCH_KAFKA_GROUP_INSTANCE_ID from fieldRef metadata.name (static membership)");

        // ports and probes
        int httpPort = config == null ? DEFAULT_HTTP_PORT : intOr(config.get("http.port"), DEFAULT_HTTP_PORT);
        if (env.get("IMWATCH_HTTP_PORT") != null) {
            httpPort = intOr(env.get("IMWATCH_HTTP_PORT"), httpPort);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object p : list(c.get("ports"))) {
            ports.put(str(get(p, "name")), intOr(str(get(p, "containerPort")), -1));
        }
        check(ports.containsValue(httpPort), where, "containerPort " + httpPort + " (http.port)",
                "no containerPort equals http.port " + httpPort + " " + ports);
        probe(where, c, "livenessProbe", LIVE, ports, httpPort, true);
        probe(where, c, "readinessProbe", READY, ports, httpPort, true);
        probe(where, c, "startupProbe", LIVE, ports, httpPort, false);

        // resources
        Map<String, Object> res = getMap(c, "resources");
        check(get(res, "requests", "cpu") != null && get(res, "requests", "memory") != null && get(res, "limits", "memory") != null,
                where, "resources: requests cpu/memory and a memory limit", "set resources.requests.cpu, requests.memory and limits.memory (the JVM sizes its heap from the limit)");

        // state volume
        Set<String> claims = getList(doc, "spec", "volumeClaimTemplates").stream().map(v -> str(get(v, "metadata", "name"))).collect(Collectors.toSet());
        Set<String> volumes = getList(podSpec, "volumes").stream().map(v -> str(get(v, "name"))).collect(Collectors.toSet());
        String stateVolume = list(c.get("volumeMounts")).stream()
                .filter(m -> STATE_MOUNT.equals(str(get(m, "mountPath"))))
                .map(m -> str(get(m, "name"))).findFirst().orElse(null);
        check(stateVolume != null && claims.contains(stateVolume), where, "state volume '" + stateVolume + "' from volumeClaimTemplates at " + STATE_MOUNT,
                "mount a volumeClaimTemplates volume at " + STATE_MOUNT + " (Kafka Streams state)");
        String stateDir = env.get("IMWATCH_STATE_DIR");
        if (stateDir == null && config != null) {
            stateDir = config.get("state.dir");
        }
        if (stateDir != null) {
            check(stateDir.startsWith(STATE_MOUNT), where, "state.dir " + stateDir + " is on the volume",
                    "state.dir " + stateDir + " is not under " + STATE_MOUNT + ": state would be lost on restart");
        }
        for (Object m : list(c.get("volumeMounts"))) {
            String name = str(get(m, "name"));
            check(volumes.contains(name) || claims.contains(name), where, "volumeMount " + name + " has a volume",
                    "volumeMount " + name + " names no volume or volumeClaimTemplate");
        }
        // secrets
        for (Object e : list(c.get("envFrom"))) {
            String secret = str(get(e, "secretRef", "name"));
            if (secret != null) {
                Resource s = find("Secret", secret);
                boolean optional = Boolean.TRUE.equals(get(e, "secretRef", "optional"));
                if (s != null) {
                    ok(where, "envFrom Secret " + secret + " exists");
                    Set<String> keys = new LinkedHashSet<>(getMap(s.doc(), "stringData").keySet());
                    keys.addAll(getMap(s.doc(), "data").keySet());
                    checkEnvNames(s.where(), keys);
                    check(keys.stream().anyMatch(k -> k.startsWith("IMWATCH_KAFKA_SASL")), s.where(), "carries the Kafka SASL settings",
                            "has no IMWATCH_KAFKA_SASL_* keys");
                } else {
                    check(optional, where, "envFrom Secret " + secret + " is optional", "envFrom Secret " + secret + " does not exist and is not optional");
                }
            }
        }
        check(Boolean.TRUE.equals(get(podSpec, "securityContext", "runAsNonRoot")), where, "runs as non-root",
                "set securityContext.runAsNonRoot: true (the image runs as uid 65532)");

        // things that select these pods
        for (Resource r : resources) {
            switch (r.kind()) {
                case "Service" -> {
                    Map<String, Object> sel = getMap(r.doc(), "spec", "selector");
                    check(selects(sel, podLabels), r.where(), "selects the imwatch pods", "selector " + sel + " does not select the pods " + podLabels);
                    for (Object p : getList(r.doc(), "spec", "ports")) {
                        String target = str(Objects.requireNonNullElse(get(p, "targetPort"), get(p, "port")));
                        check(ports.containsKey(target) || ports.containsValue(intOr(target, -2)), r.where(),
                                "port " + get(p, "name") + " -> " + target, "targetPort " + target + " is no container port " + ports);
                    }
                }
                case "PodMonitor" -> {
                    Map<String, Object> sel = getMap(r.doc(), "spec", "selector", "matchLabels");
                    check(selects(sel, podLabels), r.where(), "selects the imwatch pods", "selector " + sel + " does not select the pods " + podLabels);
                    for (Object ep : getList(r.doc(), "spec", "podMetricsEndpoints")) {
                        check(ports.containsKey(str(get(ep, "port"))), r.where(), "scrapes port " + get(ep, "port"),
                                "port '" + get(ep, "port") + "' is no named container port " + ports.keySet());
                        check(METRICS.equals(str(get(ep, "path"))), r.where(), "path " + METRICS, "path must be " + METRICS + ", got " + get(ep, "path"));
                    }
                    String jobLabel = str(get(r.doc(), "spec", "jobLabel"));
                    check(jobLabel != null && "imwatch".equals(str(podLabels.get(jobLabel))), r.where(), "job=\"imwatch\" (jobLabel " + jobLabel + ")",
                            "set jobLabel to a pod label whose value is imwatch, so job=\"imwatch\" as in the compose stack and the rules");
                }
                case "ServiceMonitor" -> {
                    Map<String, Object> sel = getMap(r.doc(), "spec", "selector", "matchLabels");
                    check(resources.stream().anyMatch(s -> s.kind().equals("Service") && selects(sel, getMap(s.doc(), "metadata", "labels"))),
                            r.where(), "selects a Service", "selector " + sel + " selects no Service");
                }
                case "PodDisruptionBudget" -> {
                    Map<String, Object> sel = getMap(r.doc(), "spec", "selector", "matchLabels");
                    check(selects(sel, podLabels), r.where(), "selects the imwatch pods", "selector " + sel + " does not select the pods " + podLabels);
                    Object min = get(r.doc(), "spec", "minAvailable");
                    Object max = get(r.doc(), "spec", "maxUnavailable");
                    check((min != null) != (max != null), r.where(), "sets one of minAvailable/maxUnavailable", "set exactly one of minAvailable or maxUnavailable");
                    if (min != null && !str(min).endsWith("%")) {
                        check(intOr(str(min), 0) < replicas, r.where(), "minAvailable " + min + " < replicas " + replicas,
                                "minAvailable " + min + " >= replicas " + replicas + ": node drains would block forever");
                    }
                }
                default -> { }
            }
        }
    }

    /** The flattened config file that --config points at, through the pod's ConfigMap volume. */
    static Map<String, String> mountedConfig(Map<String, Object> podSpec, Map<String, Object> c, String configPath, String where) {
        Path path = Path.of(configPath);
        String dir = path.getParent().toString();
        String key = path.getFileName().toString();
        String volume = list(c.get("volumeMounts")).stream()
                .filter(m -> dir.equals(str(get(m, "mountPath"))))
                .map(m -> str(get(m, "name"))).findFirst().orElse(null);
        String configMap = getList(podSpec, "volumes").stream()
                .filter(v -> Objects.equals(volume, str(get(v, "name"))))
                .map(v -> str(get(v, "configMap", "name"))).filter(Objects::nonNull).findFirst().orElse(null);
        if (!check(configMap != null, where, "--config " + configPath + " comes from ConfigMap " + configMap,
                "nothing mounts a ConfigMap at " + dir + " for --config " + configPath)) {
            return null;
        }
        String content = null;
        if (generatedConfigMaps.containsKey(configMap)) {
            content = generatedConfigMaps.get(configMap).get(key);
        } else {
            Resource cm = find("ConfigMap", configMap);
            if (cm != null) {
                content = str(getMap(cm.doc(), "data").get(key));
            }
        }
        if (!check(content != null, where, "ConfigMap " + configMap + " has key " + key,
                "ConfigMap " + configMap + " has no key " + key + " (neither in kustomization.yaml's configMapGenerator nor a ConfigMap manifest)")) {
            return null;
        }
        try {
            Object parsed = yaml().load(content);
            ok(K8S + "/" + key, "parses as YAML");
            return flatten(map(parsed));
        } catch (RuntimeException e) {
            fail(K8S + "/" + key, "is not valid YAML: " + e.getMessage().replace('\n', ' '));
            return null;
        }
    }

    static void probe(String where, Map<String, Object> c, String probe, String path, Map<String, Integer> ports, int httpPort, boolean required) {
        Object p = c.get(probe);
        if (p == null) {
            if (required) {
                fail(where, "has no " + probe + " (httpGet " + path + ")");
            }
            return;
        }
        String actual = str(get(p, "httpGet", "path"));
        String port = str(get(p, "httpGet", "port"));
        int resolved = ports.containsKey(port) ? ports.get(port) : intOr(port, -1);
        check(path.equals(actual) && resolved == httpPort, where, probe + " GET " + path + " on port " + port,
                probe + " must be httpGet " + path + " on the http port " + httpPort + " (got " + actual + " on " + port + ")");
    }

    // ---- PrometheusRule <-> rules file -----------------------------------------------------------

    static void prometheusRule() {
        section("PrometheusRule in sync with " + RULES);
        String source = RULES;
        Map<String, Object> rules = loadMap(source);
        Resource pr = resources.stream().filter(r -> r.kind().equals("PrometheusRule")).findFirst().orElse(null);
        if (rules == null || pr == null) {
            return;
        }
        check(rules.keySet().equals(Set.of("groups")), source, "has exactly the top-level key groups",
                "a Prometheus rules file has only 'groups:' at the top, got " + rules.keySet());
        Set<String> groupNames = new LinkedHashSet<>();
        for (Object g : list(rules.get("groups"))) {
            String name = str(get(g, "name"));
            check(name != null && groupNames.add(name), source, "group '" + name + "' has a unique name", "every group needs a unique name, got '" + name + "'");
            for (Object r : getList(g, "rules")) {
                boolean alert = get(r, "alert") != null;
                boolean record = get(r, "record") != null;
                check(alert != record && get(r, "expr") != null, source,
                        "group " + name + ": " + (alert ? "alert " + get(r, "alert") : "record " + get(r, "record")) + " has an expr",
                        "group " + name + ": each rule needs expr and exactly one of alert or record: " + r);
            }
        }
        check(Objects.equals(get(pr.doc(), "spec"), rules), pr.where(),
                "spec is exactly " + source + " (" + groupNames.size() + " groups)",
                "spec differs from " + source + "; run: bash deploy/kubernetes/generate-prometheusrule.sh");
        try {
            String text = Files.readString(root.resolve(pr.file()));
            check(text.contains("GENERATED from " + source + " "), pr.file(), "header names " + source,
                    "was not generated from " + source + "; run: bash deploy/kubernetes/generate-prometheusrule.sh");
        } catch (IOException e) {
            fail(pr.file(), "cannot read: " + e);
        }
    }

    // ---- overlays -------------------------------------------------------------------------------

    static void examples() {
        Path dir = root.resolve(EXAMPLES);
        if (!Files.isDirectory(dir)) {
            return;
        }
        section("Kubernetes overlays (" + EXAMPLES + ")");
        List<Path> overlays;
        try (Stream<Path> walk = Files.walk(dir)) {
            overlays = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        } catch (IOException e) {
            fail(EXAMPLES, "cannot list: " + e);
            return;
        }
        for (Path k : overlays) {
            String rel = root.relativize(k).toString();
            Map<String, Object> kust = loadMap(rel);
            if (kust == null) {
                continue;
            }
            Path base = k.getParent();
            List<String> referenced = new ArrayList<>();
            getList(kust, "resources").forEach(r -> referenced.add(str(r)));
            getList(kust, "configMapGenerator").forEach(g -> getList(g, "files").forEach(f -> {
                String s = str(f);
                referenced.add(s.contains("=") ? s.substring(s.indexOf('=') + 1) : s);
            }));
            getList(kust, "patches").forEach(p -> {
                if (get(p, "path") != null) {
                    referenced.add(str(get(p, "path")));
                }
            });
            for (String r : referenced) {
                Path p = base.resolve(r).normalize();
                check(Files.exists(p), rel, r + " exists", "refers to " + r + ", which does not exist");
                if (Files.isRegularFile(p) && (r.endsWith(".yaml") || r.endsWith(".yml"))) {
                    List<Object> docs = loadAll(root.relativize(p).toString());
                    for (Object d : docs == null ? List.of() : docs) {
                        for (Object c : getList(d, "spec", "template", "spec", "containers")) {
                            List<String> names = getList(c, "env").stream().map(e -> str(get(e, "name"))).toList();
                            checkEnvNames(root.relativize(p) + " container " + get(c, "name"), names);
                        }
                    }
                }
            }
        }
    }

    // ---- alert rules: runbooks ----------------------------------------------------------------------

    static final String DEPLOY_README = "deploy/README.md";
    static final String RUNBOOK_PREFIX = DEPLOY_README + "#";

    /** The anchors GitHub gives the headings of a Markdown file (lower case, punctuation dropped, spaces to -). */
    static Set<String> markdownAnchors(String rel) {
        Set<String> anchors = new LinkedHashSet<>();
        try {
            boolean fenced = false;
            for (String line : Files.readAllLines(root.resolve(rel), StandardCharsets.UTF_8)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                } else if (!fenced && line.startsWith("#")) {
                    String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                    anchors.add(title.replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-'));
                }
            }
        } catch (IOException e) {
            fail(rel, "cannot read: " + e);
        }
        return anchors;
    }

    /** The alerting rules of the rules file: name to rule. */
    static Map<String, Map<String, Object>> alertRules() {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        Map<String, Object> doc = loadMap(RULES);
        for (Object group : getList(doc, "groups")) {
            for (Object rule : getList(group, "rules")) {
                if (get(rule, "alert") != null) {
                    alerts.put(str(get(rule, "alert")), map(rule));
                }
            }
        }
        return alerts;
    }

    static void runbooks() {
        section("runbooks of the alerts in " + RULES);
        Set<String> anchors = markdownAnchors(DEPLOY_README);
        alertRules().forEach((name, rule) -> {
            String url = str(get(rule, "annotations", "runbook_url"));
            String where = RULES + " alert " + name;
            if (!check(
                    url != null && url.startsWith(RUNBOOK_PREFIX),
                    where,
                    "runbook_url " + url,
                    "needs annotations.runbook_url: '" + RUNBOOK_PREFIX + name.toLowerCase(Locale.ROOT)
                            + "' and that section in " + DEPLOY_README + " (what it means, what to check, what to do)")) {
                return;
            }
            String anchor = url.substring(RUNBOOK_PREFIX.length());
            check(
                    anchors.contains(anchor),
                    where,
                    DEPLOY_README + " has the section #" + anchor,
                    "runbook_url points at #" + anchor + ", which is no heading of " + DEPLOY_README
                            + "; add a '### " + name + "' runbook section");
        });
    }

    // ---- main -----------------------------------------------------------------------------------

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp snakeyaml.jar Validate.java REPOSITORY_ROOT");
            System.exit(2);
        }
        root = Path.of(args[0]).toRealPath();
        readConfigKeys();
        compose();
        runbooks();
        kubernetes();
        examples();
        System.out.println("Validate.java finished: " + passed + " ok, " + failed + " FAIL, " + warned + " warn");
        System.exit(failed == 0 ? 0 : 1);
    }
}
