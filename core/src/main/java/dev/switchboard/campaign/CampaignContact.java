package dev.switchboard.campaign;

import dev.switchboard.internal.check.Attributes;
import dev.switchboard.internal.check.Checks;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One person a campaign reaches out to. When blended in, it becomes a work item with id {@code
 * campaignId/contactId#attempt}, the contact's customer and attributes, plus the attributes
 * {@code campaign} and {@code contact}.
 *
 * @param id the contact's id within its campaign, 1 to {@value #MAX_ID_LENGTH} characters
 * @param customerId the customer to reach
 * @param attributes JSON-like data for the agent (phone number, script, offer)
 * @param zone the contact's time zone, in which its campaign's calendar is read; empty to read it
 *     in the calendar's own zone
 * @since 0.1
 */
public record CampaignContact(String id, String customerId, Map<String, Object> attributes,
    Optional<ZoneId> zone) {

  /** Longest contact id, so that campaign item ids fit in an item id. */
  public static final int MAX_ID_LENGTH = 70;

  /** Validates and copies every field. */
  public CampaignContact {
    Checks.id("contact id", id);
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("contact id is " + id.length() + " characters; at most "
          + MAX_ID_LENGTH + " allowed");
    }
    Checks.id("customer id", customerId);
    attributes = Attributes.copy(Objects.requireNonNull(attributes, "attributes"));
    Objects.requireNonNull(zone, "zone");
  }

  /** A contact whose campaign's calendar is read in the calendar's own zone. */
  public CampaignContact(String id, String customerId, Map<String, Object> attributes) {
    this(id, customerId, attributes, Optional.empty());
  }

  /**
   * This contact living in the zone: a campaign with a calendar reaches it only while the
   * calendar's hours are open there.
   *
   * @since 0.3
   */
  public CampaignContact inZone(ZoneId zone) {
    return new CampaignContact(id, customerId, attributes,
        Optional.of(Objects.requireNonNull(zone, "zone")));
  }

  /** A contact with no attributes. */
  public static CampaignContact of(String id, String customerId) {
    return new CampaignContact(id, customerId, Map.of());
  }
}
