/**
 * One customer across channels: {@link dev.switchboard.identity.IdentityResolver} links channel
 * identities (email addresses, phone numbers, chat handles) to customer ids, with an in-memory
 * default a host replaces with its CRM.
 *
 * @since 0.1
 */
package dev.switchboard.identity;
