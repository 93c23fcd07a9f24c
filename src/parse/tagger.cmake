# entente_tagger: POS tagger (UPOS + XPOS), lemmatiser and FEATS lookup;
# included by src/parse/CMakeLists.txt.
add_library(entente_tagger
  ${CMAKE_CURRENT_LIST_DIR}/tagger.cc
  ${CMAKE_CURRENT_LIST_DIR}/tagger_features.cc
  ${CMAKE_CURRENT_LIST_DIR}/tagger_model.cc
  ${CMAKE_CURRENT_LIST_DIR}/tagger_train.cc
  ${CMAKE_CURRENT_LIST_DIR}/lemma.cc
)
target_link_libraries(entente_tagger PUBLIC entente_util entente_ingest PRIVATE entente_treebank)
target_compile_definitions(entente_tagger PRIVATE
  ENTENTE_VERSION_STRING="${PROJECT_VERSION}")

entente_test(tagger_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/tagger_features_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/lemma_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/tagger_test.cc
  LIBS entente_tagger Threads::Threads)
