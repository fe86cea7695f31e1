#include "dln/sweep/mpi.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <mpi.h>
#include <stdexcept>

#include "dln/analytic/invalid_input.hpp"

namespace dln::sweep::mpi {

namespace {

constexpr int kResultsTag = 1;

void send_text(const std::string& text, int to) {
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, to, kResultsTag, MPI_COMM_WORLD);
}

std::string receive_text(int from) {
  MPI_Status status;
  MPI_Probe(from, kResultsTag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_CHAR, &size);
  std::string text(static_cast<std::size_t>(size), '\0');
  MPI_Recv(text.data(), size, MPI_CHAR, from, kResultsTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return text;
}

}  // namespace

bool launched() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

Session::Session() {
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() { MPI_Finalize(); }

std::optional<std::vector<TaskResult>> run(const Session& session, const Definition& definition, TaskRange range,
                                           const Runner& runner, const Progress& progress) {
  // This rank's tasks, then one message per rank: "" and the results, or "error" and the message.
  std::string message;
  std::int64_t done = 0;
  try {
    for (std::int64_t i = range.begin + session.rank(); i < range.end; i += session.size()) {
      message += encode(runner(make_task(definition, i))) + '\x1e';
      if (progress && session.rank() == 0) progress(++done * session.size());
    }
    message = "ok\x1e" + message;
  } catch (const InvalidInput& e) {
    message = "error\x1e" + e.parameter() + "\x1e" + e.what();
  } catch (const std::exception& e) {
    message = "error\x1e\x1e" + std::string(e.what());
  }
  if (session.rank() != 0) {
    send_text(message, 0);
    return std::nullopt;
  }
  std::vector<TaskResult> results;
  for (int from = 0; from < session.size(); ++from) {
    const std::string text = from == 0 ? message : receive_text(from);
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\x1e', start)) != std::string::npos; start = end + 1)
      parts.push_back(text.substr(start, end - start));
    parts.push_back(text.substr(start));
    if (parts[0] == "error") {
      if (!parts[1].empty()) throw InvalidInput(parts[1], parts[2]);
      throw std::runtime_error(parts[2]);
    }
    for (std::size_t p = 1; p < parts.size(); ++p)
      if (!parts[p].empty()) results.push_back(decode(parts[p]));
  }
  std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  return results;
}

}  // namespace dln::sweep::mpi
