package dlkit.ethics;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model card says about a model that the numbers cannot: its name and version, what it is for
 * and not for, the data it learned from, who answers for it, its known limitations and ethical
 * considerations. Built step by step; each setting returns a new value:
 *
 * <pre>{@code
 * ModelInfo info = ModelInfo.of("credit-risk-mlp", "1.0")
 *         .description("Predicts whether a loan applicant repays")
 *         .intendedUse("Decision support for loan officers, who make the decision")
 *         .outOfScopeUse("Automatic rejection without review")
 *         .data("German credit (Statlog), 1,000 applicants from the 1970s")
 *         .owners("Credit risk team <risk@example.org>")
 *         .limitation("Trained on 1,000 historical applicants from one country");
 * }</pre>
 *
 * @param name                  a short name
 * @param version               e.g. "1.0"
 * @param description           one or two sentences: what the model predicts
 * @param intendedUse           who uses it, for what
 * @param outOfScopeUse         uses it is not fit for
 * @param data                  the training and evaluation data: source, size, period, known gaps
 * @param owners                who answers for the model (names or teams, with contact)
 * @param limitations           known limitations, one sentence each
 * @param ethicalConsiderations risks to people and what was done about them, one sentence each
 */
public record ModelInfo(String name, String version, String description, String intendedUse, String outOfScopeUse,
                        String data, List<String> owners, List<String> limitations,
                        List<String> ethicalConsiderations) {

    /** Checks the name and copies the lists. */
    public ModelInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ModelInfo: the model needs a name, e.g. ModelInfo.of(\"credit-risk-mlp\", \"1.0\")");
        }
        owners = List.copyOf(owners);
        limitations = List.copyOf(limitations);
        ethicalConsiderations = List.copyOf(ethicalConsiderations);
    }

    /** A model with a name and a version and nothing else said yet. */
    public static ModelInfo of(String name, String version) {
        return new ModelInfo(name, version, "", "", "", "", List.of(), List.of(), List.of());
    }

    /** What the model predicts. */
    public ModelInfo description(String text) {
        return new ModelInfo(name, version, text, intendedUse, outOfScopeUse, data, owners, limitations,
                ethicalConsiderations);
    }

    /** Who uses the model, for what. */
    public ModelInfo intendedUse(String text) {
        return new ModelInfo(name, version, description, text, outOfScopeUse, data, owners, limitations,
                ethicalConsiderations);
    }

    /** Uses the model is not fit for. */
    public ModelInfo outOfScopeUse(String text) {
        return new ModelInfo(name, version, description, intendedUse, text, data, owners, limitations,
                ethicalConsiderations);
    }

    /** The data the model learned from and was evaluated on. */
    public ModelInfo data(String text) {
        return new ModelInfo(name, version, description, intendedUse, outOfScopeUse, text, owners, limitations,
                ethicalConsiderations);
    }

    /** Who answers for the model. */
    public ModelInfo owners(String... who) {
        return new ModelInfo(name, version, description, intendedUse, outOfScopeUse, data, List.of(who), limitations,
                ethicalConsiderations);
    }

    /** Adds a known limitation. */
    public ModelInfo limitation(String text) {
        List<String> more = new ArrayList<>(limitations);
        more.add(text);
        return new ModelInfo(name, version, description, intendedUse, outOfScopeUse, data, owners, more,
                ethicalConsiderations);
    }

    /** Adds an ethical consideration. */
    public ModelInfo ethicalConsideration(String text) {
        List<String> more = new ArrayList<>(ethicalConsiderations);
        more.add(text);
        return new ModelInfo(name, version, description, intendedUse, outOfScopeUse, data, owners, limitations, more);
    }
}
