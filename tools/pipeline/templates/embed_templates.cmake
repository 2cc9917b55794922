# Turns the scaffold templates (templates/plugin/**.tmpl) into a C++ source file, so the
# `pipeline` binary carries them and `new-plugin` works wherever it is installed.
#   cmake -DTEMPLATE_DIR=<dir> -DOUTPUT=<file.cc> -P embed_templates.cmake
# A leading '_' in a file name stands for '.' (e.g. _gitignore.tmpl -> .gitignore).
file(GLOB_RECURSE _templates RELATIVE ${TEMPLATE_DIR} ${TEMPLATE_DIR}/*.tmpl)
list(SORT _templates)
set(_out "// Generated from tools/pipeline/templates by embed_templates.cmake; do not edit.\n")
string(APPEND _out "#include \"new_plugin.h\"\n\nnamespace reportlens::cli {\n\n")
string(APPEND _out "const std::vector<ScaffoldFile>& scaffold_templates() {\n")
string(APPEND _out "  static const std::vector<ScaffoldFile> files = {\n")
foreach(_rel IN LISTS _templates)
  file(READ ${TEMPLATE_DIR}/${_rel} _content)
  if(_content MATCHES "\\)tmpl\"")
    message(FATAL_ERROR "${_rel} contains the raw-string delimiter )tmpl\"")
  endif()
  string(REGEX REPLACE "\\.tmpl$" "" _path "${_rel}")
  string(REGEX REPLACE "(^|/)_" "\\1." _path "${_path}")
  string(APPEND _out "    {\"${_path}\", R\"tmpl(${_content})tmpl\"},\n")
endforeach()
string(APPEND _out "  };\n  return files;\n}\n\n}  // namespace reportlens::cli\n")
# Only rewrite when changed, so an unchanged template set does not relink `pipeline`.
file(WRITE ${OUTPUT}.tmp "${_out}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
