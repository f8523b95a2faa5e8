package dev.switchboard.examples.boot;

import dev.switchboard.CommandRejectedException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The engine's refusals as HTTP answers: the reason code and the engine's message, with a status
 * that says whose mistake it was.
 */
@RestControllerAdvice
public class CommandErrors {

  /** A refused command. */
  @ExceptionHandler(CommandRejectedException.class)
  public ResponseEntity<Map<String, String>> rejected(CommandRejectedException e) {
    HttpStatus status = switch (e.reason()) {
      case UNKNOWN_AGENT, UNKNOWN_ITEM, UNKNOWN_CONVERSATION, UNKNOWN_CAMPAIGN ->
          HttpStatus.NOT_FOUND;
      case UNKNOWN_CHANNEL, UNKNOWN_SKILL, UNKNOWN_QUEUE, INVALID_VALUE -> HttpStatus.BAD_REQUEST;
      case OVERLOADED, ENGINE_CLOSED, ENGINE_FAILED, NOT_LEADER -> HttpStatus.SERVICE_UNAVAILABLE;
      default -> HttpStatus.CONFLICT;
    };
    return ResponseEntity.status(status)
        .body(Map.of("reason", e.reason().name(), "message", e.getMessage()));
  }

  /** A value the engine's builders refused before any command was sent. */
  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .body(Map.of("reason", "INVALID_VALUE", "message", String.valueOf(e.getMessage())));
  }

  /** The engine did not answer in time. */
  @ExceptionHandler(TimeoutException.class)
  public ResponseEntity<Map<String, String>> timeout(TimeoutException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("reason",
        "TIMEOUT", "message", "the engine did not answer within " + Commands.TIMEOUT));
  }
}
