package dlkit.ethics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dlkit.eval.ClassificationReport;
import dlkit.notebook.Html;

/**
 * A model card (Mitchell et al., 2019): one page that tells the people who deploy, use or are judged by a
 * model what it is for, what it learned from, how well it does overall and for each group, where it
 * fails, and who answers for it. Generated as Markdown from a {@link ModelInfo}, a
 * {@link ClassificationReport} and fairness audits, so the numbers in it are the measured ones; shown as
 * HTML in a notebook, saved as Markdown next to the model.
 *
 * <p>The card adds what the audits found to the limitations: groups too small to judge, groups with
 * adverse impact by the four-fifths rule, and an equalized-odds difference that cannot be judged. It also carries a plain-language notice for the people a
 * decision is about ({@link #userNotice()}).
 */
public final class ModelCard implements Html {

    private final ModelInfo info;
    private final ClassificationReport report;
    private final List<FairnessAudit> audits;
    private final String markdown;

    private ModelCard(ModelInfo info, ClassificationReport report, List<FairnessAudit> audits) {
        this.info = info;
        this.report = report;
        this.audits = audits;
        this.markdown = render();
    }

    /**
     * The card of a model described by {@code info}, evaluated by {@code report}, audited by {@code audits}
     * (none, one per sensitive attribute, or a before/after pair).
     *
     * @throws IllegalArgumentException when {@code info} or {@code report} is null
     */
    public static ModelCard of(ModelInfo info, ClassificationReport report, FairnessAudit... audits) {
        if (info == null || report == null) {
            throw new IllegalArgumentException("ModelCard.of: pass the model's ModelInfo and its ClassificationReport"
                    + " (ClassificationReport.of(predictions)); " + (info == null ? "info" : "report") + " is null");
        }
        return new ModelCard(info, report, List.of(audits));
    }

    /** The card as Markdown text. */
    public String markdown() {
        return markdown;
    }

    /** Writes the Markdown to {@code file} (e.g. {@code MODEL_CARD.md}) and returns the file. */
    public Path save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the model card to " + file, e);
        }
    }

    /**
     * What to tell a person a decision is about: that a model takes part in it, what it considers,
     * and that a person can review it. Plain words, no metrics.
     */
    public String userNotice() {
        String name = info.name() + (info.version() == null || info.version().isBlank() ? "" : " (version " + info.version() + ")");
        return "An automated model, " + name + ", helps make this decision."
                + (info.description().isBlank() ? "" : " It " + lowerFirst(stripDot(info.description())) + ".")
                + " It learned from past cases and can be wrong. You can ask for a person to review the decision"
                + " and explain it" + (info.owners().isEmpty() ? "" : "; contact " + String.join(", ", info.owners())) + ".";
    }

    private String render() {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Model card: ").append(info.name());
        if (info.version() != null && !info.version().isBlank()) {
            md.append(" ").append(info.version());
        }
        md.append("\n\n");
        if (!info.description().isBlank()) {
            md.append(info.description()).append("\n\n");
        }
        md.append("## Intended use\n\n").append(orUnknown(info.intendedUse())).append("\n\n");
        if (!info.outOfScopeUse().isBlank()) {
            md.append("**Not intended for:** ").append(info.outOfScopeUse()).append("\n\n");
        }
        md.append("## Data\n\n").append(orUnknown(info.data())).append("\n\n");

        md.append("## Metrics\n\n");
        md.append(String.format(Locale.ROOT, "Overall accuracy **%.3f** on %d evaluation rows; macro-average F1 %.3f.%n%n",
                report.accuracy(), report.macroAverage().support(), report.macroAverage().f1()));
        md.append("| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (ClassificationReport.Scores s : report.perClass()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", s.name(), s.precision(), s.recall(),
                    s.f1(), s.support()));
        }
        md.append('\n');

        for (FairnessAudit audit : audits) {
            md.append("### By ").append(audit.attribute()).append("\n\n");
            md.append("Positive outcome: `").append(audit.positiveClass()).append("`; groups of at least ")
                    .append(audit.minGroupSize()).append(" rows are compared.\n\n");
            md.append("| group | rows | base rate | selection rate | accuracy | TPR | FPR | precision | note |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (GroupMetrics g : audit.groups()) {
                md.append("| ").append(g.group()).append(" | ").append(g.size());
                for (GroupRate r : GroupRate.values()) {
                    md.append(" | ").append(FairnessAudit.f(r.of(g)));
                }
                md.append(" | ").append(g.size() == 0 ? "empty" : g.tooSmall() ? "too small to judge" : "").append(" |\n");
            }
            md.append('\n');
            md.append("- demographic-parity difference: ").append(FairnessAudit.judged(audit.demographicParityDifference()))
                    .append(" (ratio ").append(FairnessAudit.f(audit.demographicParityRatio())).append(")\n");
            md.append("- equalized-odds difference: ").append(FairnessAudit.judged(audit.equalizedOddsDifference())).append('\n');
            md.append("- equal-opportunity difference: ").append(FairnessAudit.judged(audit.equalOpportunityDifference())).append('\n');
            md.append("- four-fifths rule: ").append(Double.isNaN(audit.disparateImpactRatio()) ? "cannot be judged"
                    : audit.passesFourFifthsRule() ? "passes" : "fails for " + String.join(", ", audit.adverseImpact()))
                    .append("\n\n");
        }

        List<String> limitations = new ArrayList<>(info.limitations());
        for (FairnessAudit audit : audits) {
            List<String> small = audit.groups().stream().filter(GroupMetrics::tooSmall)
                    .map(g -> g.group() + " (" + g.size() + " rows)").toList();
            if (!small.isEmpty()) {
                limitations.add("Too few evaluation rows to judge fairness by " + audit.attribute() + " for: "
                        + String.join(", ", small) + ".");
            }
            if (!Double.isNaN(audit.disparateImpactRatio()) && !audit.passesFourFifthsRule()) {
                limitations.add("Adverse impact by " + audit.attribute() + " under the four-fifths rule for: "
                        + String.join(", ", audit.adverseImpact()) + ".");
            }
            String equalizedOdds = audit.equalizedOddsGap();
            if (equalizedOdds != null) {
                limitations.add("By " + audit.attribute() + ", " + equalizedOdds + ".");
            }
        }
        md.append("## Limitations\n\n");
        appendList(md, limitations);
        md.append("## Ethical considerations\n\n");
        appendList(md, info.ethicalConsiderations());
        md.append("## Notice to the people affected\n\n> ").append(userNotice()).append("\n\n");
        md.append("## Owners\n\n");
        appendList(md, info.owners());
        return md.toString().stripTrailing() + "\n";
    }

    private static void appendList(StringBuilder md, List<String> items) {
        if (items.isEmpty()) {
            md.append("None stated.\n\n");
            return;
        }
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "Not stated." : s;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The card as HTML, converted from its Markdown. */
    @Override
    public String toHtml() {
        return "<div class=\"dlkit-model-card\">\n" + markdownToHtml(markdown) + "</div>";
    }

    /** The Markdown text. */
    @Override
    public String toString() {
        return markdown;
    }

    /**
     * The Markdown the cards use, as HTML: {@code #} headings, paragraphs, {@code - } lists, {@code >}
     * quotes, {@code |} tables with a separator line, {@code **bold**} and {@code `code`}. Text is escaped.
     */
    static String markdownToHtml(String markdown) {
        StringBuilder html = new StringBuilder(markdown.length() * 2);
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank()) {
                i++;
            } else if (line.startsWith("#")) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                html.append("<h").append(level).append('>').append(inline(line.substring(level).strip()))
                        .append("</h").append(level).append(">\n");
                i++;
            } else if (line.startsWith("- ")) {
                html.append("<ul>\n");
                while (i < lines.length && lines[i].startsWith("- ")) {
                    html.append("<li>").append(inline(lines[i].substring(2))).append("</li>\n");
                    i++;
                }
                html.append("</ul>\n");
            } else if (line.startsWith(">")) {
                html.append("<blockquote>");
                while (i < lines.length && lines[i].startsWith(">")) {
                    html.append(inline(lines[i].substring(1).strip())).append(' ');
                    i++;
                }
                html.append("</blockquote>\n");
            } else if (line.startsWith("|")) {
                html.append("<table>\n");
                boolean head = true;
                while (i < lines.length && lines[i].startsWith("|")) {
                    String row = lines[i].strip();
                    i++;
                    if (row.matches("\\|[-| :]+\\|")) {
                        continue;
                    }
                    String[] cells = row.substring(1, row.length() - 1).split("\\|", -1);
                    html.append("<tr>");
                    for (String cell : cells) {
                        String tag = head ? "th" : "td";
                        html.append('<').append(tag).append('>').append(inline(cell.strip())).append("</").append(tag).append('>');
                    }
                    html.append("</tr>\n");
                    head = false;
                }
                html.append("</table>\n");
            } else {
                html.append("<p>");
                boolean first = true;
                while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("#") && !lines[i].startsWith("- ")
                        && !lines[i].startsWith("|") && !lines[i].startsWith(">")) {
                    html.append(first ? "" : " ").append(inline(lines[i]));
                    first = false;
                    i++;
                }
                html.append("</p>\n");
            }
        }
        return html.toString();
    }

    private static String inline(String text) {
        String s = Html.escape(text);
        s = s.replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>");
        return s.replaceAll("`(.+?)`", "<code>$1</code>");
    }
}
