package dev.switchboard.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.tck.FlawedAdapter.Flaw;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The TCK tested: run against adapters that each break one rule, it must fail that rule's test
 * with a message that names the rule and says what to check; run against the same adapter without
 * the flaw, it must pass.
 */
class ChannelAdapterTckSelfTest {

  /** The TCK harness for {@link FlawedAdapter}, with the flaw the running self-test chose. */
  static class FlawedAdapterTck extends ChannelAdapterTck<FlawedAdapter> {
    static volatile Flaw flaw = Flaw.NONE;

    @Override
    protected FlawedAdapter createAdapter() {
      return new FlawedAdapter(flaw);
    }

    @Override
    protected void customerSends(FlawedAdapter adapter, CustomerMessage message) {
      adapter.customerSends(message);
    }

    @Override
    protected List<ReceivedMessage> customersReceived(FlawedAdapter adapter) {
      return adapter.received();
    }

    @Override
    protected ChannelIdentity customerIdentity(int n) {
      return ChannelIdentity.chat("visitor-" + n);
    }

    @Override
    protected boolean observesAcknowledgement() {
      return true;
    }

    @Override
    protected boolean acknowledgedUpstream(FlawedAdapter adapter, CustomerMessage message) {
      return adapter.acknowledged(message.upstreamId());
    }

    @Override
    protected Duration patience() {
      return Duration.ofSeconds(1);
    }

    @Override
    protected Duration grace() {
      return Duration.ofMillis(100);
    }
  }

  /** The same harness in the profile of a channel of calls. */
  static class FlawedCallAdapterTck extends FlawedAdapterTck {
    @Override
    protected FlawedAdapter createAdapter() {
      return new FlawedAdapter(flaw, true);
    }

    @Override
    protected TckProfile profile() {
      return TckProfile.CALLS;
    }
  }

  /** Outcome of each test method the launcher ran, by method name. */
  private static Map<String, TestExecutionResult> run(Flaw flaw, String method) {
    return run(FlawedAdapterTck.class, flaw, method);
  }

  private static Map<String, TestExecutionResult> run(Class<? extends FlawedAdapterTck> harness,
      Flaw flaw, String method) {
    FlawedAdapterTck.flaw = flaw;
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          results.put(name(id), result);
        }
      }

      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        skipped.add(name(id));
      }
    };
    var selector = method == null
        ? selectClass(harness)
        : selectMethod(harness, method);
    try {
      LauncherFactory.create().execute(request().selectors(selector).build(), listener);
    } finally {
      FlawedAdapterTck.flaw = Flaw.NONE;
    }
    return results;
  }

  private static String name(TestIdentifier id) {
    String display = id.getDisplayName();
    int paren = display.indexOf('(');
    return paren < 0 ? display : display.substring(0, paren);
  }

  @Test
  void adapterWithoutFlaw_passesEveryRequiredRule_andSkipsOptionalOnesVisibly() {
    Map<String, TestExecutionResult> results = run(Flaw.NONE, null);

    assertThat(results).hasSize(21);
    assertRequiredRulesPass(results, test -> test.contains("_call_"), "MESSAGES");
    assertThat(results.get("optional_rule11_redeliveringADeliveryIdDoesNotSendTwice"))
        .satisfies(r -> {
          assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
          assertThat(r.getThrowable()).get().asString()
              .contains("rule 11 (idempotent delivery) skipped");
        });
  }

  @Test
  void callAdapterWithoutFlaw_passesTheCallsProfile_andSkipsTheMessageOnlyRulesVisibly() {
    Map<String, TestExecutionResult> results = run(FlawedCallAdapterTck.class, Flaw.NONE, null);

    assertThat(results).hasSize(21);
    assertRequiredRulesPass(results, MESSAGES_ONLY::contains, "CALLS");
    assertThat(results.keySet()).filteredOn(test -> test.contains("_call_")).hasSize(3)
        .allSatisfy(test -> assertThat(results.get(test).getStatus()).as(test)
            .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
  }

  /** The rules the calls profile checks in their own way, under another test. */
  private static final Set<String> MESSAGES_ONLY = Set.of(
      "required_rule5_aThreadSharesOneKeyAndCustomersDoNot",
      "required_rule10_successfulDeliveryReachesTheCustomerWithAReceipt",
      "required_rule12_concurrentDeliveriesAllArrive");

  /**
   * Every required rule passes, but those of {@code otherProfile}, which are
   * skipped saying the harness's profile is {@code profile}.
   */
  private static void assertRequiredRulesPass(Map<String, TestExecutionResult> results,
      Predicate<String> otherProfile, String profile) {
    results.forEach((test, result) -> {
      if (otherProfile.test(test)) {
        assertThat(result.getStatus()).as(test).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(result.getThrowable()).get().asString()
            .contains("skipped: it applies to the").contains("profile() is " + profile);
      } else if (test.startsWith("required_")) {
        assertThat(result.getStatus()).as(test + ": " + result.getThrowable())
            .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
      }
    });
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @CsvSource(delimiter = '|', textBlock = """
      CALL_KEY_PER_CUSTOMER | required_rule5_call_eachCallIsItsOwnConversation      | rule 5 (calls): two calls of one customer got the same conversation key
      CALL_TAKES_TEXT       | required_rule10_call_textReplyToACallFailsPermanently | rule 10 (calls): a text reply into a call's conversation (a call carries no text, and retrying cannot change that) succeeded
      """)
  void flawedCallAdapter_failsTheRuleItBreaks_withAMessageNamingIt(
      Flaw flaw, String test, String expectedMessage) {
    TestExecutionResult result = run(FlawedCallAdapterTck.class, flaw, test).get(test);

    assertThat(result).as("the TCK did not run " + test).isNotNull();
    assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
        .contains(expectedMessage);
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @CsvSource(delimiter = '|', textBlock = """
      UNSTABLE_ID            | required_rule1_identityIsValidAndStable                          | rule 1 (identity): id() changed after start
      REPORTS_AFTER_STOP     | required_rule3_reportsOnlyWhileRunning                           | rule 3 (inbound while running): the adapter reported messages after stop() returned
      RANDOM_IDEMPOTENCY_KEY | required_rule4_redeliveryCarriesTheSameIdempotencyKey            | rule 4 (idempotency keys): the same upstream message, redelivered, was reported with different keys
      KEY_PER_MESSAGE        | required_rule5_aThreadSharesOneKeyAndCustomersDoNot              | rule 5 (conversation): two messages of one customer's thread got different conversation keys
      BLOCKING_DELIVER       | required_rule6_deliverReturnsPromptlyAndNeverThrows              | rule 6 (deliver does not block): deliver() took
      THROWING_DELIVER       | required_rule6_deliverReturnsPromptlyAndNeverThrows              | rule 6 (deliver does not block): deliver() threw java.lang.IllegalStateException
      NEVER_COMPLETES        | required_rule7_everyDeliveryCompletes                            | rule 7 (every delivery completes): the stage deliver() returned did not complete
      DIES_AFTER_REJECTION   | required_rule8_rejectedInboundDoesNotStopTheAdapter              | rule 8 (rejections): after the context rejected one message the adapter reported no later message
      UNTYPED_FAILURE        | required_rule9_unknownConversationFailsPermanentlyWithoutOutbound | it must fail with DeliveryException.permanent(...)
      WRONG_RECEIPT          | required_rule10_successfulDeliveryReachesTheCustomerWithAReceipt | rule 10 (receipts): the receipt must carry the message's deliveryId
      SILENT_LOSS            | required_rule10_successfulDeliveryReachesTheCustomerWithAReceipt | rule 10 (receipts): the delivery succeeded but customer 1 never received the body
      STOP_DOES_NOT_DRAIN    | required_rule13_stopDrainsDeliveriesInFlight                     | rule 13 (stop drains): stop() returned while a delivery was still in flight
      NO_HEALTH              | required_rule14_reportsUpOnceStarted                             | rule 14 (health): the adapter never reported Health.up() after start
      ACKNOWLEDGES_EARLY     | required_rule17_acknowledgesUpstreamOnlyOnceTheHostOwnsTheMessage | rule 17 (acknowledge after ownership): the message was acknowledged upstream while the host's answer was still pending
      """)
  void flawedAdapter_failsTheRuleItBreaks_withAMessageNamingIt(
      Flaw flaw, String test, String expectedMessage) {
    TestExecutionResult result = run(flaw, test).get(test);

    assertThat(result).as("the TCK did not run " + test).isNotNull();
    assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
        .contains(expectedMessage);
  }
}
