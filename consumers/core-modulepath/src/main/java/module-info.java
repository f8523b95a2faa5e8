/** A host application that embeds Switchboard as a named module. */
module com.example.consumer {
  requires dev.switchboard;

  exports com.example.consumer;
}
