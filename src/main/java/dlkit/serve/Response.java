package dlkit.serve;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One HTTP answer with a JSON body, and its bytes on the wire.
 *
 * @param status  the status, e.g. 200
 * @param headers headers besides Content-Type, Content-Length, Date and Connection, e.g. {@code Allow}
 * @param body    the JSON, UTF-8
 */
record Response(int status, Map<String, String> headers, byte[] body) {

    /** The answer as sent: status line, headers, and the body unless {@code head}; {@code close} adds Connection: close. */
    byte[] bytes(boolean head, boolean close) {
        StringBuilder text = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ").append(body.length)
                .append("\r\nDate: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        if (close) {
            text.append("Connection: close\r\n");
        }
        byte[] top = text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head) {
            return top;
        }
        byte[] all = java.util.Arrays.copyOf(top, top.length + body.length);
        System.arraycopy(body, 0, all, top.length, body.length);
        return all;
    }

    /** The reason phrase of the statuses this server answers. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
