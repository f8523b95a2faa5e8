/**
 * The argument rules every value type applies: ids, skill levels, capacities ({@code Checks}) and
 * validated deep copies of attribute maps ({@code Attributes}), so every message names the field
 * the same way. Owns no state; touches nothing but the JDK. Exported to the help desk module only,
 * whose value types follow the same rules.
 */
package dev.switchboard.internal.check;
