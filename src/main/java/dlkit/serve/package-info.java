/**
 * A model bundle served over HTTP ({@link dlkit.serve.ModelServer}): predictions, health and metadata,
 * with every malformed request answered by a JSON error.
 */
package dlkit.serve;
