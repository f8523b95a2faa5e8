package dev.switchboard.internal;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map of exactly one entry, for an item's single required skill: it behaves as
 * {@link Collections#singletonMap} does (queries accept null, every change throws
 * {@link UnsupportedOperationException}, equal to any map with the same entry) but keeps only the
 * key and the value, 24 B instead of 40 B, because it caches none of its views. One is kept per
 * queued item, so views are made when asked for.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class OneEntryMap<K, V> implements Map<K, V> {

  private final K key;
  private final V value;

  /** The map of the one entry. */
  public OneEntryMap(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean containsKey(Object k) {
    return Objects.equals(k, key);
  }

  @Override
  public boolean containsValue(Object v) {
    return Objects.equals(v, value);
  }

  @Override
  public V get(Object k) {
    return Objects.equals(k, key) ? value : null;
  }

  @Override
  public V getOrDefault(Object k, V defaultValue) {
    return Objects.equals(k, key) ? value : defaultValue;
  }

  @Override
  public Set<K> keySet() {
    return Collections.singleton(key);
  }

  @Override
  public Collection<V> values() {
    return Collections.singletonList(value);
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return Collections.singleton(new AbstractMap.SimpleImmutableEntry<>(key, value));
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    action.accept(key, value);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != 1) {
      return false;
    }
    try { // as AbstractMap.equals: a map that cannot hold our key is simply not equal
      return m.containsKey(key) && Objects.equals(value, m.get(key));
    } catch (ClassCastException | NullPointerException e) {
      return false;
    }
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(key) ^ Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return "{" + key + "=" + value + "}";
  }

  // ---------------------------------------------------------------- changes: none allowed

  private static UnsupportedOperationException immutable() {
    return new UnsupportedOperationException("the map is immutable");
  }

  @Override
  public V put(K k, V v) {
    throw immutable();
  }

  @Override
  public V remove(Object k) {
    throw immutable();
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> m) {
    throw immutable();
  }

  @Override
  public void clear() {
    throw immutable();
  }

  @Override
  public V putIfAbsent(K k, V v) {
    throw immutable();
  }

  @Override
  public boolean remove(Object k, Object v) {
    throw immutable();
  }

  @Override
  public boolean replace(K k, V oldValue, V newValue) {
    throw immutable();
  }

  @Override
  public V replace(K k, V v) {
    throw immutable();
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    throw immutable();
  }

  @Override
  public V computeIfAbsent(K k, Function<? super K, ? extends V> mapping) {
    throw immutable();
  }

  @Override
  public V computeIfPresent(K k, BiFunction<? super K, ? super V, ? extends V> remapping) {
    throw immutable();
  }

  @Override
  public V compute(K k, BiFunction<? super K, ? super V, ? extends V> remapping) {
    throw immutable();
  }

  @Override
  public V merge(K k, V v, BiFunction<? super V, ? super V, ? extends V> remapping) {
    throw immutable();
  }
}
