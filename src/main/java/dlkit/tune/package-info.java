/**
 * Hyperparameter search: try settings (learning rate, layer size, dropout, ...) on a validation set and
 * keep the best. A {@link dlkit.tune.SearchSpace} names the settings and their candidate values;
 * {@link dlkit.tune.Search} tries every combination ({@link dlkit.tune.Search#grid grid}), a seeded random
 * sample of them ({@link dlkit.tune.Search#random random}), or trials chosen from the scores so far
 * ({@link dlkit.tune.Search#bayesian bayesian}); {@link dlkit.tune.SearchResults} lists the trials, best first,
 * as a table. {@link dlkit.tune.CrossValidation} scores one setting on k stratified folds.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of()
 *         .values("learningRate", 1e-3, 1e-2)
 *         .values("units", 32, 128)
 *         .range("dropout", 0.0, 0.5);
 * SearchResults results = Search.random(space, 10, SEED).run(Metric.VAL_ACCURACY, trial -> {
 *     MultiLayerNetwork net = build(trial.getDouble("learningRate"), trial.getInt("units"), trial.getDouble("dropout"));
 *     return Learner.fit(net, train, FitOptions.epochs(10).validation(val).metrics(Metric.VAL_ACCURACY).quiet());
 * });
 * results.best().trial()   // the settings to retrain with
 * }</pre>
 */
package dlkit.tune;
