/**
 * The Switchboard simulator: a contact centre's day on the real engine in virtual time, with
 * KPIs and confidence intervals ({@code dev.switchboard.sim}), and the Erlang B, C and A formulas
 * to check it against ({@code dev.switchboard.erlang}). Uses only the core's public API.
 */
module dev.switchboard.sim {
  requires transitive dev.switchboard;

  exports dev.switchboard.sim;
  exports dev.switchboard.erlang;
}
