package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CodeGroupsTest {

    @Test
    void shouldReadDeclaredGroupsAndNullForGroupsThePatternLacks() {
        CodeGroups groups = new CodeGroups();
        Matcher m = Pattern.compile("MA (?<code>\\d+) MI (?<minor>\\d+)").matcher("MA 136 MI 0; MA 111 MI 4");

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
        CodeGroups groups = new CodeGroups();
        Pattern pattern = Pattern.compile("type=(?<code>\\d+)(?: (?<name>[A-Z_]+))?");

        Matcher bare = pattern.matcher("type=16");
        assertThat(bare.find()).isTrue();
        assertThat(groups.get(bare, CodeGroups.NAME)).isNull();

        Matcher named = pattern.matcher("type=16 WEBIM_CONNCTION_DISCONNECTED");
        assertThat(named.find()).isTrue();
        assertThat(groups.get(named, CodeGroups.NAME)).isEqualTo("WEBIM_CONNCTION_DISCONNECTED");
    }
}
