/*
 * broadside_rank(): an FTS5 auxiliary function scoring a match with Okapi BM25, as FTS5's own bm25() does, but
 * with each phrase's document frequency given by the caller instead of counted for every statement.
 *
 * Why: bm25() learns how rare each phrase is by reading the phrase's whole list of matches once per statement.
 * For a word in half of 100,000 articles that is most of a search's time, although the figure barely moves
 * from one search to the next. The search code keeps those counts for a while (ranking.ts) and passes them in.
 *
 *   broadside_rank(fts_table, weight_1, ..., weight_nColumn, df_1, ..., df_nPhrase)
 *
 * weight_i: the weight of column i (as bm25()'s arguments). df_j: the number of rows holding phrase j (phrases
 * numbered as they appear in the MATCH expression); a phrase with df 0, or none given, adds nothing. The result
 * is the BM25 score, higher is better (bm25() returns it negated). k1 = 1.2, b = 0.75; an IDF at or below 0
 * (a phrase in more than half of the rows) counts as 1e-6, as in bm25().
 *
 * Loaded into each SQLite connection by platform/db (sqlite3_broadsidefts_init); built by scripts/native.mjs.
 */
#include <math.h>
#include <string.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#define K1 1.2
#define B 0.75
#define MAX_PHRASES 64

static void broadsideRank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
  int nCol = api->xColumnCount(fts);
  int nPhrase = api->xPhraseCount(fts);
  if (nVal < nCol) {
    sqlite3_result_error(ctx, "broadside_rank: expects a weight for each column", -1);
    return;
  }
  /* A phrase without a count (the caller saw fewer phrases than FTS5) adds nothing, as a NOT phrase. */
  int nDf = nVal - nCol;
  if (nPhrase > MAX_PHRASES) nPhrase = MAX_PHRASES;
  sqlite3_int64 nRow = 0, nTok = 0;
  int rc = api->xRowCount(fts, &nRow);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &nTok);
  double freq[MAX_PHRASES];
  memset(freq, 0, sizeof(freq));
  int nInst = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &nInst);
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int phrase, col, off;
    rc = api->xInst(fts, i, &phrase, &col, &off);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < nPhrase && col >= 0 && col < nCol) freq[phrase] += sqlite3_value_double(apVal[col]);
  }
  int rowTok = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &rowTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double n = nRow > 0 ? (double)nRow : 1.0;
  double avgdl = nTok > 0 ? (double)nTok / n : 1.0;
  double score = 0.0;
  for (int j = 0; j < nPhrase; j++) {
    double df = j < nDf ? sqlite3_value_double(apVal[nCol + j]) : 0.0;
    if (df <= 0.0 || freq[j] == 0.0) continue;
    double idf = log((n - df + 0.5) / (df + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    score += idf * (freq[j] * (K1 + 1.0)) / (freq[j] + K1 * (1.0 - B + B * (double)rowTok / avgdl));
  }
  sqlite3_result_double(ctx, score);
}

/* FTS5's API, asked for the documented way: SELECT fts5(?1) with a pointer bound to ?1. */
static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *stmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_broadsidefts_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  fts5_api *api = fts5Api(db);
  if (!api || api->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("broadside_fts: this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  return api->xCreateFunction(api, "broadside_rank", 0, broadsideRank, 0);
}
