/**
 * Showing things in a notebook and checking them: display and update in place, HTML, renderers, the
 * quick or full run mode, the {@code check...} assertions and the stop button.
 */
package dlkit.notebook;
