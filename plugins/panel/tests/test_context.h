// The shipped panel data loaded from the source tree, for tests.
#pragma once

#include "panel_context.h"

namespace reportlens::panel::fixtures {

inline const PanelContext& shipped_context() {
  static const PanelContext context = [] {
    PanelContext c;
    c.load_catalogue(REPORTLENS_CATALOGUE_FILE);
    c.load_catalogue(REPORTLENS_DIRECTIONS_FILE);
    c.load_panel_data(REPORTLENS_PANEL_DATA_FILE);
    c.load_qualitative(REPORTLENS_DIFF_DATA_DIR "/qualitative_targets.yaml");
    c.load_words(REPORTLENS_DIFF_DATA_DIR "/words.yaml", REPORTLENS_DIFF_DATA_DIR "/labels.yaml");
    return c;
  }();
  return context;
}

}  // namespace reportlens::panel::fixtures
