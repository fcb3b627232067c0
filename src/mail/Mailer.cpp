#include "mail/Mailer.hpp"

#include "core/Error.hpp"

#include <curl/curl.h>
#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <mutex>

namespace peercert::mail {

namespace {

using core::EnvironmentError;
using core::InputError;

/// libcurl, loaded when a command first sends mail. Linked in, it and the thirty libraries it
/// brings (TLS, Kerberos, LDAP…) were loaded by every command: two thirds of the start-up
/// time of a quick one such as `renewal status`.
struct Curl {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

template <class F> void bind_symbol(void* library, const char* name, F& f) {
  f = reinterpret_cast<F>(dlsym(library, name)); // NOLINT: the one way to use dlsym
  if (f == nullptr) {
    throw core::EnvironmentError("The mail library libcurl.so.4 lacks " + std::string(name) +
                                 ": install Debian's libcurl4.");
  }
}

const Curl& curl() {
  static std::once_flag once;
  static Curl api;
  std::call_once(once, [] {
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      throw core::EnvironmentError(
          "Sending email needs the mail library libcurl.so.4, which cannot be loaded: install "
          "Debian's libcurl4.");
    }
    Curl loaded;
    bind_symbol(library, "curl_global_init", loaded.global_init);
    bind_symbol(library, "curl_easy_init", loaded.easy_init);
    bind_symbol(library, "curl_easy_cleanup", loaded.easy_cleanup);
    bind_symbol(library, "curl_easy_setopt", loaded.easy_setopt);
    bind_symbol(library, "curl_easy_perform", loaded.easy_perform);
    bind_symbol(library, "curl_easy_getinfo", loaded.easy_getinfo);
    bind_symbol(library, "curl_easy_strerror", loaded.easy_strerror);
    bind_symbol(library, "curl_slist_append", loaded.slist_append);
    bind_symbol(library, "curl_slist_free_all", loaded.slist_free_all);
    loaded.global_init(CURL_GLOBAL_DEFAULT);
    api = loaded;
  });
  return api;
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

/// What went wrong, for a person: never the addresses or the message.
std::string reason(CURLcode code, long smtp_status) {
  const auto is = [code](std::initializer_list<CURLcode> codes) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  if (is({CURLE_COULDNT_RESOLVE_HOST})) {
    return "its host name is not known";
  }
  if (is({CURLE_COULDNT_CONNECT})) {
    return "it cannot be reached";
  }
  if (is({CURLE_OPERATION_TIMEDOUT})) {
    return "it did not answer in time";
  }
  if (is({CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE})) {
    return "the connection dropped in the middle";
  }
  if (is({CURLE_LOGIN_DENIED})) {
    return "it refused the login";
  }
  if (is({CURLE_USE_SSL_FAILED})) {
    return "it does not offer the encryption (STARTTLS) a login needs";
  }
  if (is({CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION})) {
    return "its encryption could not be set up or its certificate is not trusted";
  }
  if (smtp_status >= 400) {
    return "it refused the message (SMTP " + std::to_string(smtp_status) + ")";
  }
  return std::string("it failed: ") + curl().easy_strerror(code);
}

class SmtpMailer final : public Mailer {
public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    curl_ = curl().easy_init();
    if (curl_ == nullptr) {
      throw EnvironmentError("The mail library cannot start.");
    }
  }
  ~SmtpMailer() override { curl().easy_cleanup(curl_); }
  SmtpMailer(const SmtpMailer&) = delete;
  SmtpMailer& operator=(const SmtpMailer&) = delete;

  void send(const std::string& from, const std::string& to, const std::string& message,
            const std::string& name) override {
    struct Reading {
      const std::string* text;
      std::size_t at = 0;
    } reading{&message};
    const auto read = +[](char* buffer, std::size_t size, std::size_t n, void* user) {
      auto* r = static_cast<Reading*>(user);
      const std::size_t room = size * n;
      const std::size_t left = r->text->size() - r->at;
      const std::size_t take = left < room ? left : room;
      std::memcpy(buffer, r->text->data() + r->at, take);
      r->at += take;
      return take;
    };
    curl_slist* recipients = curl().slist_append(nullptr, ("<" + to + ">").c_str());
    const std::string sender = "<" + from + ">";
    char error[CURL_ERROR_SIZE] = {};
    curl().easy_setopt(curl_, CURLOPT_URL, settings_.url.c_str());
    curl().easy_setopt(curl_, CURLOPT_MAIL_FROM, sender.c_str());
    curl().easy_setopt(curl_, CURLOPT_MAIL_RCPT, recipients);
    curl().easy_setopt(curl_, CURLOPT_UPLOAD, 1L);
    curl().easy_setopt(curl_, CURLOPT_READFUNCTION, read);
    curl().easy_setopt(curl_, CURLOPT_READDATA, &reading);
    curl().easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl().easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl().easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT,
                       static_cast<long>(settings_.connect_timeout.count()));
    curl().easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
    const bool login = !settings_.user.empty();
    curl().easy_setopt(curl_, CURLOPT_USE_SSL,
                       static_cast<long>(login ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (login) {
      curl().easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
      curl().easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    const CURLcode code = curl().easy_perform(curl_);
    long status = 0;
    curl().easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    curl().slist_free_all(recipients);
    curl().easy_setopt(curl_, CURLOPT_MAIL_RCPT, nullptr);
    if (code != CURLE_OK) {
      throw EnvironmentError("The mail server did not take the reminder " + name + ": " +
                             reason(code, status) + ".");
    }
  }

private:
  SmtpSettings settings_;
  CURL* curl_ = nullptr;
};

class FolderMailer final : public Mailer {
public:
  explicit FolderMailer(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) {
      throw InputError("The folder " + folder_.string() + " cannot be made: " + ec.message() + ".",
                       "outbox");
    }
  }
  void send(const std::string&, const std::string&, const std::string& message,
            const std::string& name) override {
    // The name is one plain file name, never a path: the message stays inside the folder.
    const bool plain = !name.empty() && name.front() != '.' && name.size() <= 200 &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                       });
    const auto path = folder_ / (name + ".eml");
    if (!plain) {
      throw InputError("A message name must be a plain file name of letters, digits, '-', '_' "
                       "and '.'; this one would leave the outbox.",
                       "outbox");
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << message;
    out.close();
    if (!out) {
      throw EnvironmentError("The message " + path.string() + " cannot be written.");
    }
  }

private:
  std::filesystem::path folder_;
};

} // namespace

SmtpSettings smtp_settings(const std::string& url, const std::filesystem::path& credentials_file) {
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    throw InputError("--smtp must be the mail server's address as smtp://HOST:PORT or "
                     "smtps://HOST:PORT.",
                     "smtp");
  }
  SmtpSettings s;
  s.url = url;
  if (!credentials_file.empty()) {
    struct stat info {};
    if (::stat(credentials_file.c_str(), &info) != 0) {
      throw InputError("--smtp-credentials: the file " + credentials_file.string() +
                           " cannot be read.",
                       "smtp-credentials");
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      throw InputError("--smtp-credentials: the file " + credentials_file.string() +
                           " can be read by others; make it private with chmod 600.",
                       "smtp-credentials");
    }
    std::ifstream in(credentials_file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw InputError("--smtp-credentials: the file's first line must be USER:PASSWORD.",
                       "smtp-credentials");
    }
    s.user = line.substr(0, colon);
    s.password = line.substr(colon + 1);
  } else {
    s.user = env("PEERCERT_SMTP_USER");
    s.password = env("PEERCERT_SMTP_PASSWORD");
  }
  // Tests shorten the waits with PEERCERT_SMTP_TIMEOUT (seconds).
  if (const std::string t = env("PEERCERT_SMTP_TIMEOUT"); !t.empty()) {
    const int seconds = std::atoi(t.c_str());
    if (seconds > 0) {
      s.connect_timeout = std::chrono::seconds(seconds);
      s.timeout = std::chrono::seconds(seconds);
    }
  }
  return s;
}

std::unique_ptr<Mailer> smtp_mailer(const SmtpSettings& settings) {
  return std::make_unique<SmtpMailer>(settings);
}

std::unique_ptr<Mailer> folder_mailer(const std::filesystem::path& folder) {
  return std::make_unique<FolderMailer>(folder);
}

} // namespace peercert::mail
