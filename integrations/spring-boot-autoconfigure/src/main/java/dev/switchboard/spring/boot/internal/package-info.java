/** The auto-configuration's implementation: private, may change in any release. */
package dev.switchboard.spring.boot.internal;
