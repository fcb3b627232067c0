#include "web/GuardedServer.hpp"

#include "core/BoundedQueue.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <deque>
#include <functional>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace peercert::web {

namespace {

using Clock = std::chrono::steady_clock;

thread_local Clock::time_point started_at;
/// Set while the accepting thread runs a connection it sheds: the wait for a worker is full.
thread_local bool shedding = false;

std::string address_of(const sockaddr_storage& a) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (a.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&a)->sin_addr, text.data(),
              text.size());
  } else if (a.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&a)->sin6_addr, text.data(),
              text.size());
  }
  return text.data();
}

int port_of(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&a)->sin_port);
  }
  if (a.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&a)->sin6_port);
  }
  return 0;
}

/// Waits until `sock` is ready for `events` or `timeout` passes; false on timeout or error.
bool wait_for(socket_t sock, short events, std::chrono::milliseconds timeout) {
  if (timeout.count() <= 0) {
    return false;
  }
  pollfd p{sock, events, 0};
  while (true) {
    const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    return ready > 0 && (p.revents & (events | POLLHUP)) != 0;
  }
}

/// What a connection's socket has delivered and httplib has not read yet. httplib reads a
/// request's line and headers one byte at a time; each byte from here, not a system call.
struct ReadAhead {
  std::array<char, 4096> bytes{};
  std::size_t at = 0;
  std::size_t end = 0;
  bool empty() const { return at == end; }
};

/// The socket as httplib reads and writes it, with a deadline for the request line and
/// headers: once the handler has them, reads wait at most the read timeout each. It reads
/// ahead into the connection's buffer (kept across the requests of one connection), and
/// waits only when the socket has nothing to give.
class DeadlineStream : public httplib::Stream {
public:
  DeadlineStream(socket_t sock, ReadAhead& ahead, Clock::time_point header_deadline,
                 std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : sock_(sock), ahead_(ahead), deadline_(header_deadline), read_timeout_(read_timeout),
        write_timeout_(write_timeout) {}

  void headers_read() { headers_read_ = true; }

  bool is_readable() const override {
    return !ahead_.empty() || wait_for(sock_, POLLIN, read_wait());
  }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (ahead_.empty()) {
      if (size >= ahead_.bytes.size()) {
        return receive(ptr, size); // a large body: straight into httplib's buffer
      }
      const ssize_t n = receive(ahead_.bytes.data(), ahead_.bytes.size());
      if (n <= 0) {
        return n;
      }
      ahead_.at = 0;
      ahead_.end = static_cast<std::size_t>(n);
    }
    const auto n = std::min(size, ahead_.end - ahead_.at);
    std::copy_n(ahead_.bytes.data() + ahead_.at, n, ptr);
    ahead_.at += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    while (true) {
      const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        return n;
      }
      if (errno == EINTR) {
        continue;
      }
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !is_writable()) {
        return -1;
      }
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t length = sizeof(a);
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
      ip = address_of(a);
      port = port_of(a);
    }
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t length = sizeof(a);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
      ip = address_of(a);
      port = port_of(a);
    }
  }

  socket_t socket() const override { return sock_; }

private:
  /// What the socket has, up to `size`, waiting for it only when there is nothing yet.
  ssize_t receive(char* into, size_t size) {
    while (true) {
      const ssize_t n = ::recv(sock_, into, size, MSG_DONTWAIT);
      if (n >= 0) {
        return n;
      }
      if (errno == EINTR) {
        continue;
      }
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait_for(sock_, POLLIN, read_wait())) {
        return -1;
      }
    }
  }

  std::chrono::milliseconds read_wait() const {
    if (headers_read_) {
      return read_timeout_;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return std::min(left, read_timeout_);
  }

  socket_t sock_;
  ReadAhead& ahead_;
  Clock::time_point deadline_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  bool headers_read_ = false;
};

/// httplib's thread pool with a bounded queue: a connection that would wait behind
/// `waiting` others is run at once on the accepting thread, in shedding mode (turned away).
class BoundedPool : public httplib::TaskQueue {
public:
  BoundedPool(std::size_t workers, std::size_t waiting) : jobs_(waiting) {
    for (std::size_t i = 0; i < workers; ++i) {
      threads_.emplace_back([this] { work(); });
    }
  }

  void enqueue(std::function<void()> fn) override {
    if (jobs_.try_push(fn)) {
      return;
    }
    shedding = true;
    fn();
    shedding = false;
  }

  void shutdown() override {
    jobs_.close();
    for (auto& t : threads_) {
      t.join();
    }
  }

private:
  void work() {
    // Once shut down, the connections already waiting are still served, then the worker ends.
    while (auto fn = jobs_.pop()) {
      (*fn)();
    }
  }

  core::BoundedQueue<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
};

/// One request held in memory, and the response written back: the in-process server's socket.
class MemoryStream : public httplib::Stream {
public:
  explicit MemoryStream(std::string_view request) : request_(request) {}

  bool is_readable() const override { return position_ < request_.size(); }
  bool is_writable() const override { return true; }

  ssize_t read(char* ptr, size_t size) override {
    const auto n = std::min(size, request_.size() - position_);
    std::copy_n(request_.data() + position_, n, ptr);
    position_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    response_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  const std::string& response() const { return response_; }

private:
  std::string_view request_;
  std::size_t position_ = 0;
  std::string response_;
};

} // namespace

std::string GuardedServer::answer(std::string_view request) {
  started_at = Clock::now();
  MemoryStream stream(request);
  bool closed = false;
  process_request(stream, true, closed, nullptr);
  return stream.response();
}

GuardedServer::GuardedServer(ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [workers = limits.workers, waiting = limits.waiting] {
    return new BoundedPool(workers, waiting);
  };
}

Clock::time_point GuardedServer::request_started() { return started_at; }

std::size_t GuardedServer::turned_away() const {
  const std::lock_guard lock(mutex_);
  return turned_away_;
}

void GuardedServer::turn_away(socket_t sock) {
  static constexpr std::string_view answer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 36\r\n"
      "Retry-After: 5\r\nConnection: close\r\n\r\npeercert is busy; try again shortly.";
  ::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  if (shedding) {
    {
      const std::lock_guard lock(mutex_);
      ++turned_away_;
    }
    turn_away(sock);
    return false;
  }
  std::string address;
  if (limits_.per_address > 0) {
    sockaddr_storage peer{};
    socklen_t length = sizeof(peer);
    if (::getpeername(sock, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
      address = address_of(peer);
    }
    const std::lock_guard lock(mutex_);
    auto& open = open_by_address_[address];
    if (open >= limits_.per_address) {
      ++turned_away_;
      turn_away(sock);
      return false;
    }
    ++open;
  }
  const auto read_timeout =
      std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_);
  const auto write_timeout =
      std::chrono::seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_);
  bool ok = false;
  std::size_t left = keep_alive_max_count_;
  bool first = true;
  ReadAhead ahead;
  while (svr_sock_ != INVALID_SOCKET && left > 0) {
    // The first request must begin within the header deadline; later ones within the
    // keep-alive time.
    const auto idle = first ? limits_.header_deadline
                            : std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::seconds(keep_alive_timeout_sec_));
    if (ahead.empty() && !wait_for(sock, POLLIN, idle)) {
      break;
    }
    started_at = Clock::now();
    DeadlineStream stream(sock, ahead, started_at + limits_.header_deadline,
                          std::chrono::duration_cast<std::chrono::milliseconds>(read_timeout),
                          std::chrono::duration_cast<std::chrono::milliseconds>(write_timeout));
    bool closed = false;
    ok = process_request(stream, left == 1, closed,
                         [&](httplib::Request&) { stream.headers_read(); });
    if (!ok || closed) {
      break;
    }
    --left;
    first = false;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  if (limits_.per_address > 0) {
    const std::lock_guard lock(mutex_);
    if (const auto it = open_by_address_.find(address);
        it != open_by_address_.end() && --it->second == 0) {
      open_by_address_.erase(it);
    }
  }
  return ok;
}

} // namespace peercert::web
