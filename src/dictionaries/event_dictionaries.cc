// EventDictionaries: the dictionaries a coder needs, loaded together.
#include <chrono>

#include "dictionaries/common.h"

namespace entente {

EventDictionaryPaths EventDictionaries::ProductionPaths(const std::string& data_dir) {
  std::string d = data_dir;
  if (!d.empty() && d.back() != '/') d.push_back('/');
  EventDictionaryPaths p;
  p.verbs = d + "CAMEO.2.0.txt";
  p.actors = {d + "Phoenix.Countries.actors.txt", d + "Phoenix.International.actors.txt",
              d + "Phoenix.MilNonState.actors.txt"};
  p.agents = {d + "Phoenix.agents.txt"};
  p.discards = {d + "Phoenix.discards.txt"};
  p.issues = {d + "Phoenix.IssueCoding.txt"};
  return p;
}

Result<EventDictionaries> EventDictionaries::Load(const EventDictionaryPaths& paths,
                                                  const DictionaryLoadOptions& options,
                                                  LoadReport* report) {
  auto t0 = std::chrono::steady_clock::now();
  LoadReport local;
  LoadReport* r = report ? report : &local;
  double before = r->seconds;
  EventDictionaries out;
  auto verbs = VerbDictionary::Load(paths.verbs, options, r);
  if (!verbs.ok()) return verbs.status();
  out.verbs = std::move(verbs).value();
  auto actors = ActorDictionary::Load(paths.actors, options, r);
  if (!actors.ok()) return actors.status();
  out.actors = std::move(actors).value();
  auto agents = AgentDictionary::Load(paths.agents, options, r);
  if (!agents.ok()) return agents.status();
  out.agents = std::move(agents).value();
  if (!paths.discards.empty()) {
    auto discards = DiscardDictionary::Load(paths.discards, options, r);
    if (!discards.ok()) return discards.status();
    out.discards = std::move(discards).value();
  }
  if (!paths.issues.empty()) {
    auto issues = IssueDictionary::Load(paths.issues, options, r);
    if (!issues.ok()) return issues.status();
    out.issues = std::move(issues).value();
  }
  r->seconds = before + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

Result<EventDictionaries> EventDictionaries::LoadProduction(const std::string& data_dir,
                                                            const DictionaryLoadOptions& options,
                                                            LoadReport* report) {
  return Load(ProductionPaths(data_dir), options, report);
}

}  // namespace entente
