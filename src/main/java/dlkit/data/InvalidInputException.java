package dlkit.data;

/**
 * Input a model cannot take: a missing or unknown column, a value of the wrong kind, an unseen category, no
 * rows at all. The message says what is wrong, with the value, and how to fix it; a model server answers
 * it with HTTP 400.
 */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
