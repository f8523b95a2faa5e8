package com.example.desk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A host application whose engine the starter builds from application.yml. */
@SpringBootApplication
public class DeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeskApplication.class, args);
  }
}
