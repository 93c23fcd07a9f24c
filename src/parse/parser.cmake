# entente_parser: greedy arc-eager dependency parser (averaged perceptron).
# Included by src/parse/CMakeLists.txt after tagger.cmake.
add_library(entente_parser
  ${CMAKE_CURRENT_LIST_DIR}/parser.cc
  ${CMAKE_CURRENT_LIST_DIR}/parser_train.cc
)
target_link_libraries(entente_parser PUBLIC entente_util entente_ingest PRIVATE entente_treebank)
if(TARGET entente_tagger)
  # Optional: training on predicted tags (ParserTrainOptions::tagger_path).
  target_link_libraries(entente_parser PUBLIC entente_tagger)
  target_compile_definitions(entente_parser PRIVATE ENTENTE_PARSER_WITH_TAGGER=1)
endif()

entente_test(parser_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/parser_test.cc
  LIBS entente_parser entente_ingest Threads::Threads)
if(TARGET parser_test AND TARGET entente_tagger)
  target_compile_definitions(parser_test PRIVATE ENTENTE_PARSER_WITH_TAGGER=1)
endif()
