package dlkit.notebook;

/** A wrong or missing answer to a graded exercise; the message says FAIL, the answer and a hint. */
public class WrongAnswer extends RuntimeException {

    public WrongAnswer(String message) {
        super(message, null, false, false);
    }
}
