#include "state.hpp"

namespace mip {

namespace {

struct Spelling {
    std::string_view text;
    State state;
};

// PreImporting, Sorting, IndexBuilding and Retry are internal Milvus phases
// that leak through some server versions; all of them mean "running".
constexpr Spelling kSpellings[] = {
    {"pending", State::Pending},           {"importing", State::Importing},
    {"inprogress", State::Importing},      {"importrunning", State::Importing},
    {"preimporting", State::Importing},    {"sorting", State::Importing},
    {"indexbuilding", State::Importing},   {"retry", State::Importing},
    {"completed", State::Completed},       {"importcompleted", State::Completed},
    {"failed", State::Failed},             {"importfailed", State::Failed},
    {"uncommitted", State::Uncommitted},   {"committing", State::Committing},
};

// ASCII only, on purpose: std::tolower would follow the process's locale.
bool equal_ignoring_case(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char c = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (c != lower[i]) return false;
    }
    return true;
}

}  // namespace

State state_from_text(std::string_view text) {
    for (const Spelling &s : kSpellings) {
        if (equal_ignoring_case(text, s.text)) return s.state;
    }
    return State::Unknown;
}

const char *state_name(State state) {
    switch (state) {
        case State::Unknown: return "Unknown";
        case State::Pending: return "Pending";
        case State::Importing: return "Importing";
        case State::Completed: return "Completed";
        case State::Failed: return "Failed";
        case State::Uncommitted: return "Uncommitted";
        case State::Committing: return "Committing";
    }
    return "Unknown";
}

}  // namespace mip
