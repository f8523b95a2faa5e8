package dev.switchboard.internal.journal;

import dev.switchboard.ItemState;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.engine.StateImage;
import dev.switchboard.internal.timer.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal snapshots: the engine's {@link StateImage} written as bytes and read back. A version
 * number leads, so that a snapshot from another layout is refused rather than misread; the engine
 * then needs the entries instead.
 */
final class EngineState {

  private static final int VERSION = 1;

  private EngineState() {}

  static byte[] write(RoutingEngine engine, CommandCodec codec) {
    StateImage s = engine.exportState();
    Wire.Out o = new Wire.Out();
    o.i32(VERSION).i64(s.now()).instant(s.nowInstant()).i64(s.eventSequence())
        .i32(s.agentSequence()).i64(s.itemSequence()).i32(s.roundRobinCursor())
        .i64(s.activityStamp());
    o.i32(s.agents().size());
    for (StateImage.AgentImage a : s.agents()) {
      o.i32(a.sequence());
      codec.agent(o, a.definition());
      CommandCodec.presence(o, a.presence());
      o.i64(a.lastActivity()).i32(a.consecutiveMisses());
      strings(o, a.held());
    }
    o.i32(s.items().size());
    for (StateImage.ItemImage i : s.items()) {
      codec.item(o, i.item());
      o.i64(i.sequence()).str(i.state().name()).str(i.queue()).i32(i.step()).i32(i.priority())
          .nstr(i.agent()).nstr(i.pinnedAgent()).nstr(i.outcome());
      strings(o, i.declinedBy());
      o.nstr(i.conversationId());
    }
    o.i32(s.conversations().size());
    for (StateImage.ConversationImage c : s.conversations()) {
      o.str(c.id()).bool(c.lastItem() != null);
      if (c.lastItem() != null) {
        codec.item(o, c.lastItem());
      }
      o.nstr(c.liveItem()).nstr(c.lastAgentId()).i32(c.items()).bool(c.idle());
    }
    strings(o, s.finished());
    o.i32(s.timers().size());
    for (StateImage.TimerImage t : s.timers()) {
      o.str(t.itemId()).str(t.kind().name()).i64(t.deadline());
    }
    return o.toByteArray();
  }

  static void restore(RoutingEngine engine, EngineConfig config, CommandCodec codec, byte[] bytes)
      throws IOException {
    Wire.In in = new Wire.In(bytes, 0);
    int version = in.i32();
    if (version != VERSION) {
      throw new IOException("snapshot layout version " + version + " is not " + VERSION);
    }
    long now = in.i64();
    java.time.Instant nowInstant = in.instant();
    long eventSequence = in.i64();
    int agentSequence = in.i32();
    long itemSequence = in.i64();
    int cursor = in.i32();
    long stamp = in.i64();
    int n = in.count();
    List<StateImage.AgentImage> agents = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      agents.add(new StateImage.AgentImage(in.i32(), codec.agent(in), CommandCodec.presence(in),
          in.i64(), in.i32(), strings(in)));
    }
    n = in.count();
    List<StateImage.ItemImage> items = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      items.add(new StateImage.ItemImage(codec.item(in), in.i64(), ItemState.valueOf(in.str()),
          in.str(), in.i32(), in.i32(), in.nstr(), in.nstr(), in.nstr(), strings(in),
          in.nstr()));
    }
    n = in.count();
    List<StateImage.ConversationImage> conversations = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String id = in.str();
      conversations.add(new StateImage.ConversationImage(id, in.bool() ? codec.item(in) : null,
          in.nstr(), in.nstr(), in.i32(), in.bool()));
    }
    List<String> finished = strings(in);
    n = in.count();
    List<StateImage.TimerImage> timers = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      timers.add(new StateImage.TimerImage(in.str(), Timer.Kind.valueOf(in.str()), in.i64()));
    }
    if (!in.atEnd()) {
      throw new IOException("bytes left over after the snapshot");
    }
    engine.restoreState(new StateImage(now, nowInstant, eventSequence, agentSequence,
        itemSequence, cursor, stamp, agents, items, conversations, finished, timers));
  }

  private static void strings(Wire.Out o, List<String> values) {
    o.i32(values.size());
    values.forEach(o::str);
  }

  private static List<String> strings(Wire.In in) throws IOException {
    int n = in.count();
    List<String> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(in.str());
    }
    return out;
  }
}
