/**
 * What ties the library to the course's notebooks: the kernel extension that every notebook starts with
 * (imports, inline charts and tables, live learning curves, the stop button) and notebook 00's {@link dlkit.course.SetupCheck}.
 */
package dlkit.course;
