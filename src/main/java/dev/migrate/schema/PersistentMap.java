package dev.migrate.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable sorted map that shares structure with the map it was made from: a persistent
 * AVL tree, so {@code put} and {@code remove} copy only the O(log n) nodes on one path. This
 * is what lets every revision of a 10,000-revision changelog keep its own {@link SchemaModel}
 * without copying the whole schema each time. Iteration is in key order, so output built from
 * a model is deterministic.
 */
final class PersistentMap<K, V> {

  private final Comparator<? super K> order;
  private final Node<K, V> root;

  private record Node<K, V>(K key, V value, Node<K, V> left, Node<K, V> right, int height, int size) {}

  private PersistentMap(Comparator<? super K> order, Node<K, V> root) {
    this.order = order;
    this.root = root;
  }

  static <K, V> PersistentMap<K, V> empty(Comparator<? super K> order) {
    return new PersistentMap<>(order, null);
  }

  int size() {
    return size(root);
  }

  boolean isEmpty() {
    return root == null;
  }

  V get(K key) {
    Node<K, V> node = root;
    while (node != null) {
      int c = order.compare(key, node.key);
      if (c == 0) {
        return node.value;
      }
      node = c < 0 ? node.left : node.right;
    }
    return null;
  }

  boolean containsKey(K key) {
    return get(key) != null;
  }

  /** A map with {@code key} bound to {@code value}; this map is unchanged. Values are never null. */
  PersistentMap<K, V> put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return new PersistentMap<>(order, put(root, key, value));
  }

  /** A map without {@code key}; this same map when it has no such key. */
  PersistentMap<K, V> remove(K key) {
    if (!containsKey(key)) {
      return this;
    }
    return new PersistentMap<>(order, remove(root, key));
  }

  /** The values in key order. */
  List<V> values() {
    List<V> out = new ArrayList<>(size());
    forEach((k, v) -> out.add(v));
    return List.copyOf(out);
  }

  List<K> keys() {
    List<K> out = new ArrayList<>(size());
    forEach((k, v) -> out.add(k));
    return List.copyOf(out);
  }

  void forEach(BiConsumer<? super K, ? super V> action) {
    walk(root, action);
  }

  private static <K, V> void walk(Node<K, V> node, BiConsumer<? super K, ? super V> action) {
    // iterative on the right spine keeps the recursion depth at the tree height
    while (node != null) {
      walk(node.left, action);
      action.accept(node.key, node.value);
      node = node.right;
    }
  }

  private Node<K, V> put(Node<K, V> node, K key, V value) {
    if (node == null) {
      return new Node<>(key, value, null, null, 1, 1);
    }
    int c = order.compare(key, node.key);
    if (c == 0) {
      return node.value.equals(value) ? node : new Node<>(key, value, node.left, node.right, node.height, node.size);
    }
    return c < 0
        ? balance(node.key, node.value, put(node.left, key, value), node.right)
        : balance(node.key, node.value, node.left, put(node.right, key, value));
  }

  private Node<K, V> remove(Node<K, V> node, K key) {
    int c = order.compare(key, node.key);
    if (c < 0) {
      return balance(node.key, node.value, remove(node.left, key), node.right);
    }
    if (c > 0) {
      return balance(node.key, node.value, node.left, remove(node.right, key));
    }
    if (node.left == null) {
      return node.right;
    }
    if (node.right == null) {
      return node.left;
    }
    Node<K, V> min = node.right;
    while (min.left != null) {
      min = min.left;
    }
    return balance(min.key, min.value, node.left, remove(node.right, min.key));
  }

  private static <K, V> int height(Node<K, V> node) {
    return node == null ? 0 : node.height;
  }

  private static <K, V> int size(Node<K, V> node) {
    return node == null ? 0 : node.size;
  }

  private static <K, V> Node<K, V> node(K key, V value, Node<K, V> left, Node<K, V> right) {
    return new Node<>(key, value, left, right, Math.max(height(left), height(right)) + 1,
        size(left) + size(right) + 1);
  }

  private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> left, Node<K, V> right) {
    int diff = height(left) - height(right);
    if (diff > 1) {
      if (height(left.left) >= height(left.right)) {
        return node(left.key, left.value, left.left, node(key, value, left.right, right));
      }
      Node<K, V> lr = left.right;
      return node(lr.key, lr.value, node(left.key, left.value, left.left, lr.left), node(key, value, lr.right, right));
    }
    if (diff < -1) {
      if (height(right.right) >= height(right.left)) {
        return node(right.key, right.value, node(key, value, left, right.left), right.right);
      }
      Node<K, V> rl = right.left;
      return node(rl.key, rl.value, node(key, value, left, rl.left), node(right.key, right.value, rl.right, right.right));
    }
    return node(key, value, left, right);
  }

  /** Equal when both hold the same keys bound to equal values. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof PersistentMap<?, ?> that) || that.size() != size()) {
      return false;
    }
    if (root == that.root) {
      return true;
    }
    List<Object> mine = new ArrayList<>();
    forEach((k, v) -> {
      mine.add(k);
      mine.add(v);
    });
    List<Object> theirs = new ArrayList<>();
    that.forEach((k, v) -> {
      theirs.add(k);
      theirs.add(v);
    });
    return mine.equals(theirs);
  }

  @Override
  public int hashCode() {
    int[] hash = {0};
    forEach((k, v) -> hash[0] += k.hashCode() ^ v.hashCode());
    return hash[0];
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(v));
    return out.append('}').toString();
  }
}
