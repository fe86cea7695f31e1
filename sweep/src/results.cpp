#include "dln/sweep/results.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <sstream>
#include <stdexcept>

namespace dln::sweep {

namespace {

std::vector<std::string> split(const std::string& line, char separator = ',') {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find(separator, start)) != std::string::npos; start = end + 1)
    fields.push_back(line.substr(start, end - start));
  fields.push_back(line.substr(start));
  return fields;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

// The run columns of all results, in order of first appearance over the task order.
std::vector<std::string> union_columns(const std::vector<TaskResult>& results) {
  std::vector<std::string> columns;
  for (const auto& result : results)
    for (const auto& column : result.columns)
      if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
  return columns;
}

std::vector<std::string> prefix_columns(const Definition& definition) {
  std::vector<std::string> columns{"task"};
  for (const Axis& axis : definition.grid) columns.push_back(axis.name);
  columns.push_back("seed");
  return columns;
}

std::string join(const std::vector<std::string>& fields) { return fmt::format("{}\n", fmt::join(fields, ",")); }

// The value of `column` in a row of `result`, or "" when that run has no such column.
std::string value_of(const TaskResult& result, const std::vector<std::string>& row, const std::string& column) {
  const auto it = std::find(result.columns.begin(), result.columns.end(), column);
  if (it == result.columns.end()) return "";
  const auto i = static_cast<std::size_t>(it - result.columns.begin());
  return i < row.size() ? row[i] : "";
}

}  // namespace

std::string long_csv(const Definition& definition, const std::vector<TaskResult>& results, bool final_only) {
  const auto columns = union_columns(results);
  auto header = prefix_columns(definition);
  header.insert(header.end(), columns.begin(), columns.end());
  std::string csv = join(header);
  for (const auto& result : results) {
    const Task task = make_task(definition, result.index);
    std::vector<std::string> prefix{std::to_string(task.index)};
    prefix.insert(prefix.end(), task.grid_values.begin(), task.grid_values.end());
    prefix.push_back(definition.seeds > 0 ? std::to_string(task.seed) : "");
    const std::size_t first = final_only && !result.rows.empty() ? result.rows.size() - 1 : 0;
    for (std::size_t r = first; r < result.rows.size(); ++r) {
      auto fields = prefix;
      for (const auto& column : columns) fields.push_back(value_of(result, result.rows[r], column));
      csv += join(fields);
    }
  }
  return csv;
}

std::vector<TaskResult> parse_long_csv(const Definition& definition, const std::string& csv) {
  const auto all = lines(csv);
  if (all.empty()) throw std::runtime_error("an empty sweep table");
  const auto header = split(all[0]);
  const std::size_t skip = prefix_columns(definition).size();
  if (header.size() < skip || std::vector(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(skip)) !=
                                  prefix_columns(definition))
    throw std::runtime_error("a sweep table whose columns do not match the recipe's grid");
  std::vector<TaskResult> results;
  for (std::size_t l = 1; l < all.size(); ++l) {
    const auto fields = split(all[l]);
    if (fields.size() != header.size()) throw std::runtime_error(fmt::format("line {}: {} fields, {} expected", l + 1,
                                                                             fields.size(), header.size()));
    const std::int64_t index = std::stoll(fields[0]);
    if (results.empty() || results.back().index != index) {
      TaskResult result;
      result.index = index;
      // A run's columns are those it filled (an empty cell is a column of another run).
      for (std::size_t c = skip; c < header.size(); ++c)
        if (!fields[c].empty()) result.columns.push_back(header[c]);
      results.push_back(std::move(result));
    }
    auto& result = results.back();
    std::vector<std::string> row;
    for (std::size_t c = skip; c < header.size(); ++c)
      if (std::find(result.columns.begin(), result.columns.end(), header[c]) != result.columns.end())
        row.push_back(fields[c]);
    result.rows.push_back(std::move(row));
  }
  return results;
}

std::string summary_csv(const Definition& definition, const std::vector<TaskResult>& results) {
  auto columns = union_columns(results);
  std::erase(columns, std::string("t"));
  std::vector<std::string> header;
  for (const Axis& axis : definition.grid) header.push_back(axis.name);
  header.insert(header.end(), {"t", "n"});
  for (const auto& column : columns) header.insert(header.end(), {column + "_mean", column + "_sd", column + "_se"});
  std::string csv = join(header);

  // Results of one grid point are consecutive in task order; seeds are summed in that order.
  for (std::size_t begin = 0; begin < results.size();) {
    const std::int64_t point = make_task(definition, results[begin].index).point;
    std::size_t end = begin;
    std::size_t longest = 0;
    while (end < results.size() && make_task(definition, results[end].index).point == point)
      longest = std::max(longest, results[end++].rows.size());
    const Task task = make_task(definition, results[begin].index);
    for (std::size_t r = 0; r < longest; ++r) {
      std::vector<std::string> fields = task.grid_values;
      std::string t;
      int n = 0;
      for (std::size_t i = begin; i < end; ++i)
        if (r < results[i].rows.size()) {
          if (t.empty()) t = value_of(results[i], results[i].rows[r], "t");
          ++n;
        }
      fields.insert(fields.end(), {t, std::to_string(n)});
      for (const auto& column : columns) {
        std::vector<double> values;
        for (std::size_t i = begin; i < end; ++i)
          if (r < results[i].rows.size())
            if (const auto text = value_of(results[i], results[i].rows[r], column); !text.empty())
              values.push_back(std::strtod(text.c_str(), nullptr));
        if (values.empty()) {
          fields.insert(fields.end(), {"", "", ""});
          continue;
        }
        double sum = 0;
        for (double v : values) sum += v;
        const double mean = sum / static_cast<double>(values.size());
        fields.push_back(fmt::format("{:.17g}", mean));
        if (values.size() < 2) {
          fields.insert(fields.end(), {"", ""});
          continue;
        }
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        const double sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
        fields.push_back(fmt::format("{:.17g}", sd));
        fields.push_back(fmt::format("{:.17g}", sd / std::sqrt(static_cast<double>(values.size()))));
      }
      csv += join(fields);
    }
    begin = end;
  }
  return csv;
}

std::string encode(const TaskResult& result) {
  std::string text = fmt::format("{}\n{}\n{:.17g}\n{}", result.index, result.status, result.wall_time_s,
                                 join(result.columns));
  for (const auto& row : result.rows) text += join(row);
  return text;
}

TaskResult decode(const std::string& text) {
  const auto all = lines(text);
  if (all.size() < 4) throw std::runtime_error("a truncated task result");
  TaskResult result;
  result.index = std::stoll(all[0]);
  result.status = all[1];
  result.wall_time_s = std::strtod(all[2].c_str(), nullptr);
  if (!all[3].empty()) result.columns = split(all[3]);
  for (std::size_t l = 4; l < all.size(); ++l) result.rows.push_back(split(all[l]));
  return result;
}

}  // namespace dln::sweep
