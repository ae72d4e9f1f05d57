package dlkit.notebook;

/**
 * A value that shows itself as an HTML fragment when it is a cell's last value (reports, checklists).
 * {@link Object#toString()} stays the plain-text form for terminals and logs.
 */
public interface Html {
    /** The value as an HTML fragment (no {@code <html>} or {@code <body>}). */
    String toHtml();

    /** Escapes text for use inside HTML. */
    static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
