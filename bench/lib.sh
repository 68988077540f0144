# bench/lib.sh: shell helpers for bench/full_bench.sh.
# Sourced, never run. Needs bash, awk, and /proc (Linux).

# median: the median of the numbers on stdin, one per line.
median() {
    sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'
}

# CPU used by other processes while a tool is timed: /proc/stat's busy time of the whole
# machine minus what this script and its children used (/proc/$$/stat utime..cstime), in
# clock ticks. Sample both before and after a timed command; other = (busy1 - busy0) - (own1 - own0).
cpu_busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
own_ticks() { sed 's/^.*) //' "/proc/$$/stat" | awk '{print $12 + $13 + $14 + $15}'; }

# other_share TICKS SECONDS: TICKS of other processes' CPU time as a percentage of the whole
# machine's capacity over SECONDS of wall time.
other_share() {
    awk -v o="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" \
        'BEGIN{ p = 0; if (s > 0) p = 100 * o / (s * hz * n); printf "%.0f", p < 0 ? 0 : p }'
}

# GPS_DEL_EXIV2: exiv2 -M arguments deleting every EXIF GPS IFD tag and every XMP exif:GPS tag
# (exiv2 has no "delete the group" command, so each tag is named).
GPS_DEL_EXIV2=()
for t in GPSVersionID GPSLatitudeRef GPSLatitude GPSLongitudeRef GPSLongitude GPSAltitudeRef \
         GPSAltitude GPSTimeStamp GPSSatellites GPSStatus GPSMeasureMode GPSDOP GPSSpeedRef GPSSpeed \
         GPSTrackRef GPSTrack GPSImgDirectionRef GPSImgDirection GPSMapDatum GPSDestLatitudeRef \
         GPSDestLatitude GPSDestLongitudeRef GPSDestLongitude GPSDestBearingRef GPSDestBearing \
         GPSDestDistanceRef GPSDestDistance GPSProcessingMethod GPSAreaInformation GPSDateStamp \
         GPSDifferential GPSHPositioningError; do
    GPS_DEL_EXIV2+=(-M"del Exif.GPSInfo.$t")
done
for t in GPSLatitude GPSLongitude GPSAltitude GPSAltitudeRef GPSTimeStamp GPSVersionID GPSMapDatum \
         GPSImgDirection GPSImgDirectionRef GPSSpeed GPSSpeedRef GPSTrack GPSTrackRef \
         GPSDestLatitude GPSDestLongitude GPSDestBearing GPSDestDistance GPSProcessingMethod \
         GPSAreaInformation GPSDifferential GPSMeasureMode GPSDOP GPSStatus GPSSatellites; do
    GPS_DEL_EXIV2+=(-M"del Xmp.exif.$t")
done
unset t

# gps_left DIR: prints "files gps_left city_left": JPEGs under DIR, files where exiftool (a
# different reader than the tools under test) still finds an EXIF or XMP GPSLatitude, files
# still naming the XMP City.
gps_left() {
    exiftool -q -q -n -T -f -r -ext jpg -gps:GPSLatitude -xmp:GPSLatitude -xmp:City "$1" |
        awk -F'\t' '{n++; if($1!="-"||$2!="-")g++; if($3!="-")c++} END{print n+0, g+0, c+0}'
}

# machine_md: the machine as Markdown list items (CPU, cores, memory, OS).
machine_md() {
    local cpu mem os
    cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
    os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
    echo "- CPU: $cpu; \`nproc\`: $(nproc)"
    echo "- Memory: $mem"
    echo "- OS: $os, kernel $(uname -r)"
}
