#pragma once

// The one hand-off between threads: a queue of at most `capacity` items, guarded by one
// mutex, with a condition variable for each way of waiting (for an item, for room). It serves the
// CSV read-ahead (blocks of a file), the batch check (chunks of parsed rows, and the empty chunks
// coming back) and the web server's pool (connections waiting for a worker).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace peercert::core {

template <class T> class BoundedQueue {
public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  /// Waits for room, then adds `item`; false, leaving `item` alone, once the queue is closed.
  bool push(T& item) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return items_.size() < capacity_ || closed_; });
    if (closed_) {
      return false;
    }
    items_.push_back(std::move(item));
    lock.unlock();
    item_.notify_one();
    return true;
  }
  bool push(T&& item) { return push(item); }

  /// Adds `item` only when there is room now; false (and `item` stays) when full or closed.
  bool try_push(T& item) {
    {
      const std::lock_guard lock(mutex_);
      if (closed_ || items_.size() >= capacity_) {
        return false;
      }
      items_.push_back(std::move(item));
    }
    item_.notify_one();
    return true;
  }

  /// Waits for an item. Once closed, the items left still come out, then nothing.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    item_.wait(lock, [this] { return !items_.empty() || closed_; });
    return take(lock);
  }

  /// An item if there is one now.
  std::optional<T> try_pop() {
    std::unique_lock lock(mutex_);
    return take(lock);
  }

  /// No more items go in; whoever waits is woken.
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    item_.notify_all();
    room_.notify_all();
  }

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return items_.size();
  }

private:
  std::optional<T> take(std::unique_lock<std::mutex>& lock) {
    if (items_.empty()) {
      return std::nullopt;
    }
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    lock.unlock();
    room_.notify_one();
    return item;
  }

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable item_; ///< an item came, or the queue closed
  std::condition_variable room_; ///< an item went, or the queue closed
  std::deque<T> items_;
  bool closed_ = false;
};

} // namespace peercert::core
