// Draws the organisations that use a software on a map; the page lists them too.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("usage-map");
  if (!element || typeof L === "undefined") return;
  var points = JSON.parse(document.getElementById("usage-points").textContent);
  var tiles = JSON.parse(document.getElementById("usage-tiles").textContent);
  var map = L.map(element);
  L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    // A DOM node, never a string: Leaflet inserts strings as HTML, and names are user input.
    var label = document.createElement("span");
    label.textContent = point.name;
    L.marker([point.lat, point.lon]).addTo(map).bindPopup(label);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 10, padding: [20, 20] });
});
