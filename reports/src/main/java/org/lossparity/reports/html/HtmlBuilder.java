package org.lossparity.reports.html;

/**
 * Appends HTML where every piece of text and every attribute value is escaped. Tag and attribute names come from
 * this module's code, never from data, and are checked so that a mistake cannot open an injection path; the only
 * unescaped content is {@link #trustedConstant}, reserved for the report's own stylesheet and script.
 */
final class HtmlBuilder {
    private final StringBuilder out = new StringBuilder(1 << 16);

    /**
     * Escapes text for both element content and double- or single-quoted attribute values. Characters that HTML
     * forbids in a document (C0 controls other than tab, line feed and carriage return; lone surrogates; U+FFFE
     * and U+FFFF) become U+FFFD, so a hostile fixture string cannot make the file malformed.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        appendEscaped(sb, text);
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, String text) {
        if (text == null) {
            return; // a record read from an older or hand-written JSON report may lack a string: show nothing
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if (isForbidden(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static boolean isForbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || Character.isSurrogate(c)
                || c == '\uFFFE' || c == '\uFFFF';
    }

    /**
     * Opens an element. {@code attributes} are name/value pairs; a null value leaves the attribute out, an empty
     * value writes a boolean attribute ({@code open}, {@code hidden}).
     */
    HtmlBuilder open(String tag, String... attributes) {
        checkName(tag);
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> must be name/value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            String name = attributes[i];
            String value = attributes[i + 1];
            checkName(name);
            if (value == null) {
                continue;
            }
            out.append(' ').append(name);
            if (!value.isEmpty()) {
                out.append("=\"");
                appendEscaped(out, value);
                out.append('"');
            }
        }
        out.append('>');
        return this;
    }

    HtmlBuilder close(String tag) {
        checkName(tag);
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    HtmlBuilder element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    HtmlBuilder text(String text) {
        appendEscaped(out, text);
        return this;
    }

    HtmlBuilder newline() {
        out.append('\n');
        return this;
    }

    /** Markup written as is: only for constants of this package (the stylesheet, the script, the doctype). */
    HtmlBuilder trustedConstant(String markup) {
        out.append(markup);
        return this;
    }

    private static void checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a tag or attribute name this report writes: '" + name + "'");
        }
    }

    /** [a-zA-Z][a-zA-Z0-9-]*, without a regular expression: this runs for every tag and attribute. */
    private static boolean isName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
