#!/usr/bin/env bash
# Nightly mediascan batch on a Slurm cluster: N array tasks each scan their share of the inbox
# into one OUT on a shared file system, then one dependent job builds the index.
#
#   docs/batch/slurm-nightly.sh /shared/inbox /shared/reports 8
#
# Each array task runs scripts/batch-shard.sh, which reads its K/N from Slurm's variables. A
# task that fails or is cancelled leaves its exports listed as "not scanned yet" in the index;
# resubmitting does only what is missing (the journal of each shard is under OUT/.mediascan).
set -euo pipefail
inbox=${1:?usage: slurm-nightly.sh INBOX OUT SHARDS}
out=${2:?usage: slurm-nightly.sh INBOX OUT SHARDS}
shards=${3:-8}
repo=$(cd "$(dirname "$0")/../.." && pwd)
program=${MEDIASCAN:-$repo/build/mediascan}

shard_cmd=$(printf '%q ' env MEDIASCAN="$program" "$repo/scripts/batch-shard.sh" "$inbox" "$out" --clean --log-json --jobs 2)
merge_cmd=$(printf '%q ' "$program" batch "$inbox" --merge --out "$out" --log-json)
array=$(sbatch --parsable --job-name=mediascan-shard --array=1-"$shards" \
  --cpus-per-task=2 --mem=12G --time=08:00:00 --output="$out/slurm-%A_%a.log" --wrap="$shard_cmd")
sbatch --parsable --job-name=mediascan-merge --dependency=afterany:"$array" \
  --cpus-per-task=1 --mem=2G --time=00:30:00 --output="$out/slurm-merge-%j.log" --wrap="$merge_cmd"
