// ReadEvents: events back out of the store, for the analyses.
#include <sqlite3.h>

#include <cmath>
#include <limits>

#include "entente/store.h"
#include "store/store_internal.h"

namespace entente {
namespace {

std::string Text(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string();
}

}  // namespace

Result<std::vector<Event>> ReadEvents(const EventStore& store, const std::string& from, const std::string& to) {
  using store_internal::Stmt;
  sqlite3* db = store_internal::Db(store);
  Stmt st;
  ENTENTE_RETURN_IF_ERROR(st.Prepare(
      db,
      "SELECT a.id, e.date, a.source, a.url, e.sentence_id, e.sentence_index, e.event_index, "
      "e.source_actor, e.target_actor, e.code, e.root_code, e.base_code, e.quad_class, e.goldstein, "
      "e.plover_type, e.plover_mode, e.source_country, e.source_known_group, e.source_type1, "
      "e.target_country, e.target_known_group, e.target_type1, e.pattern, e.pk, e.location_text, "
      "e.location_country, e.location_begin, e.location_end "
      "FROM events e JOIN articles a ON a.pk = e.article "
      "WHERE (?1 = '' OR e.date >= ?1) AND (?2 = '' OR e.date <= ?2) ORDER BY e.pk"));
  sqlite3_bind_text(st.get(), 1, from.data(), static_cast<int>(from.size()), SQLITE_STATIC);
  const std::string upper = to.empty() ? to : to + "\xff";  // "2014" includes "2014-12-31"
  sqlite3_bind_text(st.get(), 2, upper.data(), static_cast<int>(upper.size()), SQLITE_STATIC);
  // The issues of the events, merged by event pk (both in pk order).
  Stmt is;
  ENTENTE_RETURN_IF_ERROR(is.Prepare(db, "SELECT event, code, category, count FROM event_issues ORDER BY event, rank"));
  int irc = sqlite3_step(is.get());
  std::vector<Event> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    sqlite3_stmt* s = st.get();
    Event e;
    e.doc_id = Text(s, 0);
    e.date = Text(s, 1);
    e.source_name = Text(s, 2);
    e.url = Text(s, 3);
    e.sentence_id = Text(s, 4);
    e.sentence_index = sqlite3_column_int(s, 5);
    e.event_index = sqlite3_column_int(s, 6);
    e.source_actor = Text(s, 7);
    e.target_actor = Text(s, 8);
    e.code = Text(s, 9);
    e.root_code = Text(s, 10);
    e.base_code = Text(s, 11);
    e.quad_class = sqlite3_column_int(s, 12);
    e.goldstein = sqlite3_column_type(s, 13) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                            : sqlite3_column_double(s, 13);
    e.plover_type = Text(s, 14);
    e.plover_mode = Text(s, 15);
    e.source_parts.country = Text(s, 16);
    e.source_parts.known_group = Text(s, 17);
    e.source_parts.type1 = Text(s, 18);
    e.target_parts.country = Text(s, 19);
    e.target_parts.known_group = Text(s, 20);
    e.target_parts.type1 = Text(s, 21);
    e.pattern = Text(s, 22);
    const int64_t pk = sqlite3_column_int64(s, 23);
    e.location.text = Text(s, 24);
    e.location.country = Text(s, 25);
    if (!e.location.country.empty())
      e.location.span = {e.sentence_index, sqlite3_column_int(s, 26), sqlite3_column_int(s, 27)};
    while (irc == SQLITE_ROW && sqlite3_column_int64(is.get(), 0) < pk) irc = sqlite3_step(is.get());
    while (irc == SQLITE_ROW && sqlite3_column_int64(is.get(), 0) == pk) {
      e.issues.push_back(IssueCount{Text(is.get(), 1), Text(is.get(), 2), sqlite3_column_int(is.get(), 3)});
      irc = sqlite3_step(is.get());
    }
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return store_internal::SqlError(db, "reading events");
  if (irc != SQLITE_ROW && irc != SQLITE_DONE) return store_internal::SqlError(db, "reading event issues");
  return out;
}

}  // namespace entente
