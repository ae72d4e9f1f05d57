# nbgrader settings of the course's graded assignments (run nbgrader from this folder, or use
# environment/assignments). Java cells: the stub throws, so an unanswered exercise fails its tests
# instead of compiling and running silently.
c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "dl-java"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("Write your answer here, in place of this line.");',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
# Training cells take longer than nbgrader's default of 30 s per cell.
c.ExecutePreprocessor.timeout = 600
c.Execute.timeout = 600
