# Sourced by the benchmarks that scale a collection up (scale.sh, corpus_memory.sh).
#
# corpus_copies SOURCE DIR K: the collection K times under DIR, as copy-1/ … copy-K/: other
# document ids, the same texts, so a region's reports of every copy fall in one group. Hard
# links where the file system allows, so the copies cost no space.
corpus_copies() {
  local source=$1 dir=$2 k=$3 i
  mkdir -p "$dir"
  for i in $(seq "$k"); do
    mkdir -p "$dir/copy-$i"
    cp -al "$source/." "$dir/copy-$i/" 2>/dev/null || cp -a "$source/." "$dir/copy-$i/"
  done
}
