#!/usr/bin/env bash
# Runs this machine's share of a sharded `mediascan batch`, taking K/N from the scheduler that
# started it, so that one job file serves every shard:
#   Slurm job array (sbatch --array=1-N):   SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT
#   Kubernetes Indexed Job:                 JOB_COMPLETION_INDEX (0-based), MEDIASCAN_SHARDS = the Job's completions
#   anything else:                          MEDIASCAN_SHARD=K/N
# Every shard writes into the same OUT (a shared file system); when all are done,
# `mediascan batch INBOX --merge --out OUT` builds the index (docs/batch/).
#
#   scripts/batch-shard.sh INBOX OUT [more mediascan batch options, e.g. --clean]
# MEDIASCAN names the program (default: mediascan on PATH, else build/mediascan beside this script).
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: batch-shard.sh INBOX OUT [mediascan batch options]" >&2
  exit 2
fi
inbox=$1 out=$2
shift 2

if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  k=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1))
  n=${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT is not set (Slurm 18.08 or later sets it)}
elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  k=$((JOB_COMPLETION_INDEX + 1))
  n=${MEDIASCAN_SHARDS:?set MEDIASCAN_SHARDS to the Job\'s completions}
elif [ -n "${MEDIASCAN_SHARD:-}" ]; then
  k=${MEDIASCAN_SHARD%/*} n=${MEDIASCAN_SHARD#*/}
else
  echo "batch-shard.sh: no shard given (Slurm array, Kubernetes Indexed Job, or MEDIASCAN_SHARD=K/N)" >&2
  exit 2
fi

program=${MEDIASCAN:-}
if [ -z "$program" ]; then
  program=$(command -v mediascan || echo "$(dirname "$0")/../build/mediascan")
fi
exec "$program" batch "$inbox" --out "$out" --shard "$k/$n" "$@"
