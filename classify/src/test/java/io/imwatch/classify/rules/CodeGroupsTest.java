package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

class CodeGroupsTest {

    @Test
    void shouldReadDeclaredGroupsAndNullForGroupsThePatternLacks() {
        Pattern pattern = Pattern.compile("MA (?<code>\\d+) MI (?<minor>\\d+)");
        CodeGroups groups = new CodeGroups(pattern);
        SearchPattern.Matches m = SearchPattern.of(pattern).matches("MA 136 MI 0; MA 111 MI 4");

        assertThat(m.find()).isTrue();
        assertThat(groups.get(m, CodeGroups.CODE)).isEqualTo("136");
        assertThat(groups.get(m, CodeGroups.MINOR)).isEqualTo("0");
        assertThat(groups.get(m, CodeGroups.NAME)).isNull();
        assertThat(groups.get(m, CodeGroups.VERSION)).isNull();

        assertThat(m.find()).isTrue();
        assertThat(groups.get(m, CodeGroups.CODE)).isEqualTo("111");
        assertThat(groups.get(m, CodeGroups.MINOR)).isEqualTo("4");
        assertThat(groups.get(m, CodeGroups.NAME)).isNull();
    }

    @Test
    void shouldReadAnOptionalGroupThatDidNotTakePartAsNull() {
        Pattern pattern = Pattern.compile("type=(?<code>\\d+)(?: (?<name>[A-Z_]+))?");
        CodeGroups groups = new CodeGroups(pattern);

        SearchPattern.Matches bare = SearchPattern.of(pattern).matches("type=16");
        assertThat(bare.find()).isTrue();
        assertThat(groups.get(bare, CodeGroups.NAME)).isNull();

        SearchPattern.Matches named = SearchPattern.of(pattern).matches("type=16 WEBIM_CONNCTION_DISCONNECTED");
        assertThat(named.find()).isTrue();
        assertThat(groups.get(named, CodeGroups.NAME)).isEqualTo("WEBIM_CONNCTION_DISCONNECTED");
    }

    @Test
    void shouldReadGroupsNamedInEitherSyntax() {
        Pattern pattern = Pattern.compile("(?P<code>\\d+)/(?<name>\\w+)");
        CodeGroups groups = new CodeGroups(pattern);

        SearchPattern.Matches m = SearchPattern.of(pattern).matches("reason=4031/dup");
        assertThat(m.find()).isTrue();
        assertThat(groups.get(m, CodeGroups.CODE)).isEqualTo("4031");
        assertThat(groups.get(m, CodeGroups.NAME)).isEqualTo("dup");
    }
}
