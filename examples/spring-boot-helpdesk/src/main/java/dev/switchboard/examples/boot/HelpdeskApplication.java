package dev.switchboard.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small help-desk back end on the Switchboard starter: agents log in, take and complete work
 * over REST ({@link AgentController}); customers write in through the web chat adapter, which
 * {@code application.yml} asks the adapters SPI for. The engine, its queues and its journal are
 * all in {@code application.yml}; actuator shows its health at {@code /actuator/health}.
 */
@SpringBootApplication
public class HelpdeskApplication {

  /** Runs the help desk. */
  public static void main(String[] args) {
    SpringApplication.run(HelpdeskApplication.class, args);
  }
}
