package dev.switchboard.helpdesk;

import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.WorkItem;
import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.QuestionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Seeded random operations on a help desk over a checked manual switchboard: tickets opened and
 * moved through every kind of phase (a crowd phase included), classified by the classifier (held
 * back at random, so some time out and answer late) or by people, work completed, cancelled and
 * abandoned through the switchboard, confirmations and reopenings, crowd questions asked,
 * answered, accepted, rejected and withdrawn, points redeemed, clock jumps firing every deadline
 * kind, and calls the desk refuses. It knows every id it used, for {@link DeskState}.
 */
public final class DeskWorkload {

  /** The crowd phase comes right after classification; network tickets may go to the crowd. */
  public static final Lifecycle LIFECYCLE = Lifecycle.standardBuilder()
      .insertAfter("classification", Phase.crowd("community")).build();
  public static final CrowdPolicy POLICY = CrowdPolicy.builder()
      .crowdCategories("network", "how-to").expertCategories("billing").fanOut(2)
      .answerTimeLimit(Duration.ofHours(1)).askerTimeout(Duration.ofHours(20))
      .pointsPerAcceptedAnswer(10).build();

  private static final String[] TEXTS = {"wifi router", "invoice", "router invoice", "nothing",
      "vpn", "refund please"};
  private static final String[] PHASES = {"intake", "classification", "community", "recording",
      "reproduction", "expert", "implementation", "system-verification", "user-verification",
      Lifecycle.CLOSED, "nowhere"};

  public final DeskFixture f;
  public final Set<String> tickets = new LinkedHashSet<>();
  public final Set<String> questions = new LinkedHashSet<>();
  public final Set<String> users = new LinkedHashSet<>();
  private final Random r;
  private final List<Runnable> classifications = new ArrayList<>();
  private int opened;
  private int asked;
  private long refused;

  /** The configuration every desk of this workload has, before the fixture's own. */
  public static HelpDeskBuilder configure(HelpDeskBuilder b) {
    return b.lifecycle(LIFECYCLE).classifier(DeskFixture.keywords()).crowdPolicy(POLICY);
  }

  /** A workload on a fresh fixture whose desk builder is further set up by {@code more}. */
  public DeskWorkload(long seed, UnaryOperator<HelpDeskBuilder> more) {
    r = new Random(seed);
    Executor held = classifications::add;
    f = DeskFixture.of(b -> more.apply(configure(b)), held);
    f.agent("tina", "triage", "billing", 3);
    f.agent("rita", "repro", "network", 6);
    f.agent("sam", "sme", "network", 9);
    f.agent("bea", "builders", "network", 5);
    f.agent("bill", "builders", "billing", 8);
    f.agent("help", null, "printing", 1);
    f.desk.crowd().addPowerUser(PowerUser.of("ann").withAccepted("network", 3));
    f.desk.crowd().addPowerUser(PowerUser.of("bob").withAccepted("how-to", 2)
        .withAccepted("network", 1));
    f.desk.crowd().addPowerUser(PowerUser.of("u-2"));
    users.addAll(List.of("ann", "bob", "u-0", "u-1", "u-2", "u-3", "u-4"));
  }

  /** Runs {@code steps} random operations, settling the switchboard after each. */
  public void run(int steps) {
    for (int i = 0; i < steps; i++) {
      try {
        step();
      } catch (IllegalArgumentException | IllegalStateException e) {
        refused++;
      }
      f.settle();
      for (CrowdEvent e : f.crowdEvents) {
        questions.add(e.questionId());
      }
    }
  }

  /** Calls the desk refused so far. */
  public long refused() {
    return refused;
  }

  private void step() {
    switch (r.nextInt(23)) {
      case 0, 1, 2 -> {
        String id = r.nextInt(15) == 0 && opened > 0 ? "t-0" : "t-" + opened++;
        tickets.add(id);
        f.desk.open(TicketRequest.of(id, "u-" + r.nextInt(5), Channel.EMAIL, "",
            TEXTS[r.nextInt(TEXTS.length)]));
        if (r.nextBoolean()) {
          f.desk.advance(id, Actor.host("portal"));
        }
      }
      case 3, 4 -> runClassifications();
      case 5, 6 -> completeSomeWork();
      case 7 -> {
        Ticket t = pickTicket();
        if (t.phase().equals("user-verification") || t.isClosed()) {
          switch (r.nextInt(3)) {
            case 0 -> f.desk.confirm(t.id());
            case 1 -> f.desk.reportStillBroken(t.id(), "still no wifi");
            default -> f.desk.solvedByUser(t.id());
          }
        } else if (r.nextInt(4) == 0) {
          f.desk.solvedByUser(t.id());
        } else {
          f.desk.advance(t.id(), Actor.host("portal"));
        }
      }
      case 8 -> f.desk.moveTo(pickTicket().id(), PHASES[r.nextInt(PHASES.length)],
          Actor.host("lead"), "moved by the lead");
      case 9 -> f.desk.classify(pickTicket().id(), Classification.byPerson(
          List.of(r.nextBoolean() ? "network" : "billing"),
          Map.of(r.nextBoolean() ? "network" : "billing", 1 + r.nextInt(5)), r.nextInt(50)),
          Actor.agent("tina"));
      case 10 -> {
        String id = "q-" + asked++;
        questions.add(id);
        String asker = "u-" + r.nextInt(5);
        users.add(asker);
        f.desk.crowd().ask(Question.of(id, asker, r.nextInt(4) == 0 ? "billing"
            : r.nextBoolean() ? "how-to" : "network", "how do I " + id + "?"));
      }
      case 11, 12 -> answerSomething();
      case 13 -> decideSomething();
      case 14 -> {
        CrowdQuestion q = pickQuestion();
        f.desk.crowd().withdraw(q.question().id(), r.nextBoolean());
      }
      case 15 -> {
        String user = r.nextBoolean() ? "ann" : "bob";
        f.desk.crowd().redeem(user, 1 + r.nextInt(15), "a mug");
      }
      case 16 -> f.desk.crowd().setAvailable(r.nextBoolean() ? "ann" : "bob", r.nextInt(3) > 0);
      case 17 -> {
        Optional<String> item = pickTicket().currentItem();
        if (item.isPresent()) {
          if (r.nextBoolean()) {
            f.sb.cancel(item.get());
          } else {
            f.sb.abandon(item.get());
          }
        }
      }
      case 21 -> tickets.stream().map(f::ticket)
          .filter(k -> k.phase().equals("user-verification")).findFirst()
          .ifPresent(t -> f.desk.confirm(t.id()));
      case 19 -> squat();
      case 20 -> completeSomeWork();
      case 18 -> f.clock.advance(Duration.ofSeconds(1 + r.nextInt(r.nextBoolean() ? 30 : 7200)));
      default -> {
        f.clock.advance(Duration.ofMinutes(r.nextInt(3) == 0 ? 60 * 24 * 3 : 10));
        f.desk.runDue();
      }
    }
  }

  private void runClassifications() {
    List<Runnable> now = new ArrayList<>(classifications);
    classifications.clear();
    for (Runnable c : now) {
      if (r.nextInt(5) > 0) {
        c.run();
      } else {
        classifications.add(c);
      }
    }
  }

  private void completeSomeWork() {
    for (String id : tickets) {
      Optional<Ticket> t = f.desk.ticket(id);
      if (t.isPresent() && t.get().currentItem().isPresent()
          && f.holder(t.get().currentItem().get()).isPresent() && r.nextBoolean()) {
        f.completeWork(id, r.nextInt(6) == 0 ? "not-reproducible" : "done");
      }
    }
    for (String id : questions) {
      Optional<String> item = f.desk.crowd().question(id).flatMap(CrowdQuestion::staffItem);
      Optional<String> holder = item.flatMap(f::holder);
      if (holder.isPresent() && r.nextBoolean()) {
        f.sb.complete(holder.get(), item.get(), Outcome.RESOLVED);
      }
    }
  }

  /**
   * Someone else submits the id the ticket's next item will have, so that the desk's submit is
   * refused as a duplicate and the work is issued again under a new id.
   */
  private void squat() {
    Optional<String> item = pickTicket().currentItem();
    if (item.isPresent()) {
      int at = item.get().lastIndexOf(":w");
      String next = item.get().substring(0, at + 2)
          + (Integer.parseInt(item.get().substring(at + 2)) + 1);
      f.sb.submit(WorkItem.builder(next, Channel.EMAIL).customer("squatter").queue("support")
          .build());
    }
  }

  private void answerSomething() {
    CrowdQuestion q = pickQuestion();
    List<String> helpers = q.offeredTo().isEmpty() ? List.of("ann") : q.offeredTo();
    f.desk.crowd().answer(q.question().id(), helpers.get(r.nextInt(helpers.size())), "try "
        + r.nextInt(100));
  }

  private void decideSomething() {
    CrowdQuestion q = pickQuestion();
    String answer = q.answers().isEmpty() ? q.question().id() + "/a1"
        : q.answers().get(r.nextInt(q.answers().size())).id();
    if (r.nextInt(3) > 0) {
      f.desk.crowd().acceptAnswer(q.question().id(), answer);
    } else {
      f.desk.crowd().rejectAnswer(q.question().id(), answer, "did not help");
    }
  }

  private Ticket pickTicket() {
    if (tickets.isEmpty()) {
      throw new IllegalStateException("no ticket yet");
    }
    List<String> ids = new ArrayList<>(tickets);
    String id = ids.get(r.nextInt(ids.size()));
    return f.desk.ticket(id).orElseThrow(() -> new IllegalStateException("never opened: " + id));
  }

  private CrowdQuestion pickQuestion() {
    List<CrowdQuestion> open = new ArrayList<>();
    for (String id : questions) {
      f.desk.crowd().question(id).filter(q -> r.nextInt(4) == 0
          || q.status() == QuestionStatus.WITH_CROWD).ifPresent(open::add);
    }
    if (open.isEmpty()) {
      throw new IllegalStateException("no question to pick");
    }
    return open.get(r.nextInt(open.size()));
  }

  /** The whole state of the workload's desk. */
  public List<Object> state() {
    return DeskState.of(f.desk, tickets, questions, users);
  }
}
