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
    L.marker([point.lat, point.lon]).addTo(map).bindPopup(document.createTextNode(point.name).textContent);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 10, padding: [20, 20] });
});
