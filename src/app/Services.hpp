#pragma once

// The composition root (DESIGN.md, "One composition root"): the one place that builds the
// services over a store. The command line builds them once per command, the web server once
// per request over that request's connection, the tests as they need. A command or a route
// then receives only the services it calls.

#include "app/Actor.hpp"
#include "app/Applicants.hpp"
#include "app/AuditTrail.hpp"
#include "app/Boards.hpp"
#include "app/CeAudits.hpp"
#include "app/CeLog.hpp"
#include "app/Certificates.hpp"
#include "app/Certification.hpp"
#include "app/Cohorts.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "app/Notify.hpp"
#include "app/Privacy.hpp"
#include "app/SecondFactor.hpp"
#include "app/Settings.hpp"
#include "app/Users.hpp"
#include "app/Verification.hpp"
#include "app/WebState.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

namespace peercert::app {

/// Every service over one database and one rules directory, acting as one actor. Cheap to
/// build: each holds references and the actor.
struct Services {
  Services(const store::Database& db, const rules::ProgramCatalog& programs, const Actor& actor);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  Applicants applicants;
  Cohorts cohorts;
  Certification certification;
  Credentials credentials;
  CeLog ce_log;
  Lifecycle lifecycle;
  CeAudits ce_audits;
  Notifier notifier;
  Privacy privacy;
  Users users;
  SecondFactor second_factor;
  Verification verification;
  Settings settings;
  Certificates certificates;
  AuditTrail audit_trail;
  WebState web_state;
  Boards boards;
};

} // namespace peercert::app
