#pragma once

#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "rules/Condition.hpp"
#include "rules/Dated.hpp"

#include <map>
#include <string>
#include <vector>

namespace peercert::rules {

/// A document or regulation that rule values cite.
struct Source {
  std::string id;
  std::string citation;   ///< how to cite it to a person
  std::string document;   ///< file name under rules/sources/, or empty
  std::string regulation; ///< e.g. "1 TAC §354.3207", or empty
  std::string url;        ///< optional
};

/// One eligibility criterion: a condition over facts, with where it comes from.
struct Criterion {
  std::string id;
  std::string description; ///< the criterion as its source words it
  Condition condition;
  std::string source;
  std::string quote;
  bool to_confirm = false; ///< the source does not state it for this program; ask the board
};

/// A step of the certification pathway after eligibility. `description` may name values of
/// the program in braces, as {application_fee}; see Program::render.
struct PathwayStep {
  std::string id;
  std::string title;
  std::string description;
  std::string source;
  std::string quote;
};

enum class CeCategory : std::uint8_t { ethics, general };
enum class CeDelivery : std::uint8_t { live, self_study };

/// A continuing-education requirement of one renewal cycle: at least `hours` of the entries
/// that match `category` and `delivery` (when given).
struct CeRequirement {
  std::string id;
  std::string description;
  std::optional<CeCategory> category;
  std::optional<CeDelivery> delivery;
  Dated<core::Hours> hours;
};

struct Training {
  std::string name;
  Dated<core::Hours> hours;
  Dated<int> cohort_capacity;
  Dated<int> notify_days_before;
};

struct Certification {
  Dated<core::Money> application_fee;
};

struct Renewal {
  Dated<int> every_years;
  Dated<core::Money> fee;
  Dated<int> reminder_days;                ///< DESIGN.md default: 90 when not defined
  Dated<int> late_days;                    ///< days after expiry a late renewal is still accepted
  Dated<core::Money> late_fee;             ///< charged on top of `fee` for a late renewal
  Dated<std::vector<FactId>> fresh_checks; ///< checks to be passed again at each renewal
  std::vector<CeRequirement> requirements;
};

/// A certification program as its rule file defines it (rules/README.md).
struct Program {
  std::string id;           ///< "MO-CPS", the rule file's name
  std::string name;         ///< "Missouri Certified Peer Specialist"
  std::string jurisdiction; ///< "Missouri"
  std::string board;        ///< who certifies
  std::string confirm_note; ///< shown beside criteria marked to_confirm
  std::string file;         ///< where it was loaded from

  std::map<std::string, Source> sources;
  std::map<FactId, std::string> questions; ///< program wording of a fact's question
  std::vector<Criterion> criteria;
  std::vector<PathwayStep> pathway;
  Dated<std::string> contact_phone;
  Training training;
  Certification certification;
  Renewal renewal;

  /// The facts the criteria use, in the order a person is asked about them.
  std::vector<FactId> facts_used() const;
  /// The question to ask about a fact: the program's wording, else peercert's.
  std::string_view question(FactId fact) const;
  const Source& source(const std::string& id) const;
  /// A step description with its {placeholders} replaced by the values in force on `on`.
  std::string render(std::string_view text, core::Date on) const;

  /// Every place the rule file cites a source, with the words it quotes from it.
  struct Citation {
    std::string what; ///< "criterion age", "renewal.fee from 2027-01-01"
    std::string source;
    std::string quote;
  };
  std::vector<Citation> citations() const;
};

/// The names a pathway description may use in braces.
std::vector<std::string_view> placeholder_names();

std::string_view to_string(CeCategory c);
std::string_view to_string(CeDelivery d);
std::optional<CeCategory> ce_category_from_name(std::string_view name);
std::optional<CeDelivery> ce_delivery_from_name(std::string_view name);

} // namespace peercert::rules
