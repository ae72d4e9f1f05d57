package dlkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A reader for Weka's ARFF files, enough for the course's {@code credit-g.arff}: {@code %} comments, one
 * {@code @relation}, {@code @attribute name numeric|real|integer} and nominal {@code @attribute name {a, 'b c'}}
 * declarations, then {@code @data} rows of comma-separated values. Values in single or double quotes lose
 * their quotes ({@code 'male single'} becomes {@code male single}); {@code ?} is a missing value.
 *
 * <p>Numeric attributes become {@code DoubleColumn}s, nominal and string ones {@code StringColumn}s. Sparse
 * rows ({@code {0 x, 3 y}}), dates and relational attributes are not supported and are refused by name.
 */
public final class Arff {

    private Arff() {
    }

    /** One declared attribute: its name, and its categories when nominal (null when numeric or string). */
    private record Attribute(String name, boolean numeric, List<String> categories) {
    }

    /**
     * Reads an ARFF file into a table named after its {@code @relation}.
     *
     * @param shown how the file is named in messages, e.g. {@code "tabular/credit-g.arff"}
     * @throws IllegalArgumentException when the file is not ARFF as described above; the message names the
     *                                  line and the value
     */
    public static Table read(Path file, String shown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + shown, e);
        }
        String relation = null;
        List<Attribute> attributes = new ArrayList<>();
        List<List<String>> values = null;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("%")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (values == null) {
                if (lower.startsWith("@relation")) {
                    relation = unquote(line.substring("@relation".length()).strip());
                } else if (lower.startsWith("@attribute")) {
                    attributes.add(attribute(line.substring("@attribute".length()).strip(), shown, number));
                } else if (lower.startsWith("@data")) {
                    if (attributes.isEmpty()) {
                        throw new IllegalArgumentException(shown + " line " + number + ": @data before any @attribute;"
                                + " an ARFF file declares its columns first");
                    }
                    values = new ArrayList<>();
                    for (int i = 0; i < attributes.size(); i++) {
                        values.add(new ArrayList<>());
                    }
                } else {
                    throw new IllegalArgumentException(shown + " line " + number + " is '" + line
                            + "'; expected @relation, @attribute or @data in the header of an ARFF file");
                }
                continue;
            }
            if (line.startsWith("{")) {
                throw new IllegalArgumentException(shown + " line " + number + " is a sparse row ('" + line
                        + "'); Arff.read reads dense rows only");
            }
            List<String> row = split(line, shown, number);
            if (row.size() != attributes.size()) {
                throw new IllegalArgumentException(shown + " line " + number + " has " + row.size() + " values for "
                        + attributes.size() + " attributes; every @data row needs one value per @attribute");
            }
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                Attribute a = attributes.get(i);
                if (!value.equals("?") && a.categories() != null && !a.categories().contains(value)) {
                    throw new IllegalArgumentException(shown + " line " + number + ": '" + value + "' is not a declared"
                            + " value of attribute '" + a.name() + "'; its values are " + a.categories());
                }
                values.get(i).add(value);
            }
        }
        if (values == null) {
            throw new IllegalArgumentException(shown + " has no @data line; it is not an ARFF file, or it is cut short");
        }
        Table table = Table.create(relation == null ? file.getFileName().toString() : relation);
        for (int i = 0; i < attributes.size(); i++) {
            table.addColumns(column(attributes.get(i), values.get(i), shown));
        }
        return table;
    }

    private static Column<?> column(Attribute attribute, List<String> values, String shown) {
        if (!attribute.numeric()) {
            StringColumn column = StringColumn.create(attribute.name());
            for (String v : values) {
                if (v.equals("?")) {
                    column.appendMissing();
                } else {
                    column.append(v);
                }
            }
            return column;
        }
        DoubleColumn column = DoubleColumn.create(attribute.name());
        for (int row = 0; row < values.size(); row++) {
            String v = values.get(row);
            if (v.equals("?")) {
                column.appendMissing();
                continue;
            }
            try {
                column.append(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(shown + ": data row " + (row + 1) + " has '" + v
                        + "' for numeric attribute '" + attribute.name() + "'; give a number or ? for missing", e);
            }
        }
        return column;
    }

    private static Attribute attribute(String declaration, String shown, int number) {
        List<String> nameAndType = nameAndRest(declaration);
        String name = nameAndType.get(0);
        String type = nameAndType.get(1).strip();
        String lower = type.toLowerCase(Locale.ROOT);
        if (type.startsWith("{")) {
            int end = type.lastIndexOf('}');
            if (end < 0) {
                throw new IllegalArgumentException(shown + " line " + number + ": the values of attribute '" + name
                        + "' open with { but never close with }");
            }
            List<String> categories = split(type.substring(1, end), shown, number);
            return new Attribute(name, false, List.copyOf(categories));
        }
        if (lower.equals("numeric") || lower.equals("real") || lower.equals("integer")) {
            return new Attribute(name, true, null);
        }
        if (lower.equals("string")) {
            return new Attribute(name, false, null);
        }
        throw new IllegalArgumentException(shown + " line " + number + ": attribute '" + name + "' has type '" + type
                + "'; Arff.read supports numeric, real, integer, string and nominal {a, b} attributes");
    }

    /** The attribute's name (quoted or not) and what follows it. */
    private static List<String> nameAndRest(String declaration) {
        char first = declaration.isEmpty() ? ' ' : declaration.charAt(0);
        if (first == '\'' || first == '"') {
            int end = declaration.indexOf(first, 1);
            return List.of(declaration.substring(1, end), declaration.substring(end + 1));
        }
        int space = 0;
        while (space < declaration.length() && !Character.isWhitespace(declaration.charAt(space))) {
            space++;
        }
        return List.of(declaration.substring(0, space), declaration.substring(space));
    }

    /** Comma-separated values, quotes removed, spaces around values trimmed. */
    static List<String> split(String line, String shown, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        char quote = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    value.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    value.append(c);
                }
            } else if (c == '\'' || c == '"') {
                if (value.toString().isBlank()) {
                    value.setLength(0);
                }
                quote = c;
                quoted = true;
            } else if (c == ',') {
                out.add(quoted ? value.toString() : value.toString().strip());
                value.setLength(0);
                quoted = false;
            } else if (!(quoted && Character.isWhitespace(c))) {
                value.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(shown + " line " + number + ": a quote " + quote + " is never closed in '"
                    + line + "'");
        }
        out.add(quoted ? value.toString() : value.toString().strip());
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
