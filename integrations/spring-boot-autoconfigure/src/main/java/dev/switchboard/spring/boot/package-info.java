/**
 * Switchboard on Spring Boot: the {@code switchboard.*} properties, the builder customizer hook
 * and the auto-configuration classes a host may exclude. See {@code docs/spring-boot.md}.
 */
package dev.switchboard.spring.boot;
