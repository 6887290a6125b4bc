package org.lossparity.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HtmlBuilderTest {

    @Test
    void escapesMarkupQuotesAndAmpersands() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;", HtmlBuilder.escape(SampleRun.HOSTILE));
        assertEquals("a &amp;amp; b", HtmlBuilder.escape("a &amp; b"), "already-escaped text is escaped again");
    }

    @Test
    void attributeValuesCannotLeaveTheirQuotes() {
        String html = new HtmlBuilder().open("td", "title", SampleRun.HOSTILE_ATTRIBUTE).close("td").toString();
        assertEquals("<td title=\"x&quot; onmouseover=&quot;alert(2)\"></td>", html);
    }

    @Test
    void nullAttributesAreLeftOutAndEmptyOnesAreBoolean() {
        assertEquals("<details open>", new HtmlBuilder().open("details", "id", null, "open", "").toString());
    }

    @Test
    void charactersForbiddenInHtmlBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\tc\n\uFFFD", HtmlBuilder.escape("a\u0000b\tc\n\uD800"));
        assertEquals("\uD83D\uDE00", HtmlBuilder.escape("\uD83D\uDE00"), "a valid surrogate pair is kept");
        assertEquals("\uFFFD\uFFFD", HtmlBuilder.escape("\u0007\u007F"));
    }

    @Test
    void tagAndAttributeNamesMustBeNames() {
        HtmlBuilder h = new HtmlBuilder();
        assertThrows(IllegalArgumentException.class, () -> h.open("script onload=x"));
        assertThrows(IllegalArgumentException.class, () -> h.open("td", "on click", "x"));
        assertThrows(IllegalArgumentException.class, () -> h.open("td", "title"), "unpaired attribute");
        assertThrows(IllegalArgumentException.class, () -> h.close("/td"));
        assertEquals("<svg viewBox=\"0 0 1 1\">", new HtmlBuilder().open("svg", "viewBox", "0 0 1 1").toString());
    }
}
