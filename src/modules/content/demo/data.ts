// Demo content for Broadside: a fictional outlet, fictional authors and
// original long-form analysis. All text is invented for demonstration
// purposes; quotes are attributed only to unnamed or fictional sources.

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
}

export interface DemoTag {
  slug: string;
  name: string;
  description: string;
  region: boolean;
}

export interface DemoArticle {
  slug: string;
  kicker: string;
  headline: string;
  standfirst: string;
  bodyHtml: string;
  authors: string[];
  primaryTag: string;
  tags: string[];
  publishedAt: string;
}

export interface DemoPage {
  slug: string;
  title: string;
  bodyHtml: string;
}

export const demoSite: { title: string; description: string } = {
  title: "The Far Margin",
  description:
    "Slow, reader-funded political analysis from the world’s contested edges: rivers, borders, trade routes and the ballots that decide them.",
};

export const demoAuthors: DemoAuthor[] = [
  {
    slug: "oriane-castellet",
    name: "Oriane Castellet",
    bio: "Oriane trained as a hydrologist before she started writing. She covers rivers, drought and the politics of scarcity from the Levant to the Nile basin.",
  },
  {
    slug: "dawit-semere-holm",
    name: "Dawit Semere-Holm",
    bio: "Dawit writes about trade corridors, borders and informal economies in the Horn of Africa, the Sahel and the Middle East. He is interested in roads more than in capitals.",
  },
  {
    slug: "katrin-albescu",
    name: "Katrin Albescu",
    bio: "Katrin covers energy systems, elections and European enlargement, with a focus on Ukraine and the Western Balkans. She previously edited a regional policy quarterly.",
  },
  {
    slug: "ignacio-valtierra",
    name: "Ignacio Valtierra",
    bio: "Ignacio writes about mining, maritime law and party politics around the Pacific rim, from the Andean salt flats to the South China Sea.",
  },
];

export const demoTags: DemoTag[] = [
  {
    slug: "iraq-syria",
    name: "Iraq/Syria",
    description: "The shared rivers, frontiers and unfinished conflicts of Iraq and Syria.",
    region: true,
  },
  {
    slug: "sahel",
    name: "Sahel",
    description: "The semi-arid belt south of the Sahara, where trade routes, herding and insecurity overlap.",
    region: true,
  },
  {
    slug: "ukraine",
    name: "Ukraine",
    description: "Ukraine’s energy, agriculture and long road toward European integration.",
    region: true,
  },
  {
    slug: "andes",
    name: "Andes",
    description: "Mining, water and fragile party systems along the Andean spine of South America.",
    region: true,
  },
  {
    slug: "south-china-sea",
    name: "South China Sea",
    description: "Overlapping maritime claims, fisheries and seabed infrastructure in one of the world’s busiest seas.",
    region: true,
  },
  {
    slug: "horn-of-africa",
    name: "Horn of Africa",
    description: "Ports, the Nile and the shifting alliances of the Red Sea’s western shore.",
    region: true,
  },
  {
    slug: "balkans",
    name: "Balkans",
    description: "Emigration, rivers and the slow politics of EU accession in the Western Balkans.",
    region: true,
  },
  {
    slug: "kurdistan",
    name: "Kurdistan",
    description: "Kurdish self-government, oil revenue and relations with neighbouring capitals.",
    region: true,
  },
  {
    slug: "energy",
    name: "Energy",
    description: "Grids, pipelines, fuel and the minerals of the energy transition.",
    region: false,
  },
  {
    slug: "elections",
    name: "Elections",
    description: "Voters, parties and the rules that turn ballots into power.",
    region: false,
  },
  {
    slug: "migration",
    name: "Migration",
    description: "Displacement, emigration and the economies that grow up around movement.",
    region: false,
  },
  {
    slug: "water",
    name: "Water",
    description: "Rivers, aquifers and dams, and the politics of who gets to use them.",
    region: false,
  },
  {
    slug: "diplomacy",
    name: "Diplomacy",
    description: "Negotiations, treaties and the quieter forms of bargaining between states.",
    region: false,
  },
];

export const demoArticles: DemoArticle[] = [
  {
    slug: "euphrates-every-dam-is-a-foreign-policy",
    kicker: "Iraq/Syria",
    headline: "On the Euphrates, every dam is a foreign policy",
    standfirst:
      "Water has become the quietest and most consequential border question between Turkey, Syria and Iraq. The politics of the river will outlast any government in Baghdad or Damascus.",
    bodyHtml: `
<p>Ask anyone who farms along the lower Euphrates what has changed in the last twenty years, and the answer rarely begins with politics. It begins with the colour of the water, the depth of the irrigation canals in August, and the salt that now whitens fields that once grew wheat. Politics arrives later in the conversation, but it always arrives, because the river that feeds these fields is shaped by decisions taken hundreds of kilometres upstream, in capitals that owe the farmers nothing.</p>
<p>The Euphrates rises in the highlands of eastern Turkey, crosses northern Syria and runs the length of Iraq before joining the Tigris on its way to the Gulf. Three states, several semi-autonomous authorities and a long history of mistrust share a single channel. For most of the twentieth century that arrangement was managed through improvisation: bilateral protocols, verbal understandings, and the simple fact that no one yet had the engineering capacity to take very much. That era is over.</p>
<h2>The arithmetic of storage</h2>
<p>Large dams change the political character of a river. Before them, a dry year was an act of nature; after them, a dry year is an act of allocation. Someone decides how much to release, when, and for whom. Upstream reservoirs give their operators enormous leverage over the timing of flows, and timing matters as much as volume: water that arrives after the planting season is worth little to a farmer, however generous the annual total looks on paper.</p>
<p>Extensive dam building in southeastern Turkey, Syria’s own reservoirs and Iraq’s ageing storage network together form a chain in which each link affects the next. Add rising temperatures, heavier evaporation from open reservoirs and recurrent drought across the region, and the margin for error shrinks year after year. None of the riparian states has much incentive to publish complete, real-time data on releases and storage, which means that every shortage downstream is read as a possible act of pressure, whether or not it was intended as one.</p>
<h3>Why data is diplomacy</h3>
<p>It is tempting to treat hydrological data as a technical matter to be settled after the politics. The opposite is closer to the truth. Shared, verifiable measurements of flow at border gauging stations would not resolve the underlying dispute over entitlement, but they would remove a large share of the suspicion that poisons every negotiation. Joint technical committees have come and gone over the decades; their problem has rarely been expertise, and almost always the absence of a political mandate to share what they know.</p>
<h2>A river without a treaty</h2>
<p>There is no comprehensive, binding agreement among the three main riparian states on the division of the Euphrates. International water law offers principles—equitable and reasonable use, an obligation not to cause significant harm, prior notification of major works—but those principles are broad, and the states best placed to shape the river have not embraced the conventions that codify them. In practice, allocation is set by whoever controls the infrastructure, moderated by whatever else is on the diplomatic table: trade, security cooperation, the movement of armed groups, electricity.</p>
<p>That last point deserves emphasis. Water is rarely negotiated on its own. It is bundled with other grievances and other favours, which means a downstream government with little to offer in other areas has little to offer on the river either. For Iraq, whose southern provinces depend almost entirely on the twin rivers, this bundling is a structural weakness. For the authorities in northeast Syria, who sit on key stretches and facilities but lack full international standing, it is something worse: they are in the middle of the chain without a formal seat at the table.</p>
<h2>What the farmers are already doing</h2>
<p>While governments trade accusations, rural communities have been adapting in ways that rarely make headlines. Some have abandoned water-hungry crops. Some have drilled deeper wells, drawing down aquifers that recharge slowly if at all. Many young people have simply left for the cities, where they join the informal economy and, increasingly, the queues for emigration. Each of these adaptations is rational for a household and corrosive for a region. Falling groundwater, emptying villages and swelling urban peripheries are the slow-motion consequences of a river that no one governs as a whole.</p>
<p>The lesson for outside observers is that the Euphrates should not be filed under “environment”, separate from security or migration. It is all three at once. A durable settlement in the region—whatever form the politics of Damascus and Baghdad eventually take—will need a water chapter, and that chapter will have to be written with the upstream state in the room. The alternative is a river managed one dry summer at a time, with the costs falling, as they always have, on the people at the bottom of the valley.</p>
`,
    authors: ["oriane-castellet"],
    primaryTag: "iraq-syria",
    tags: ["water", "diplomacy", "migration"],
    publishedAt: "2025-05-14T08:30:00Z",
  },
  {
    slug: "sahel-real-border-is-the-road",
    kicker: "Sahel",
    headline: "The Sahel’s real border is the road, not the line on the map",
    standfirst:
      "Across the central Sahel, control over trade corridors matters more than control over territory. Understanding who taxes the routes explains more than any map of zones and fronts.",
    bodyHtml: `
<p>Maps of the central Sahel tend to show colours: zones held by one armed group or another, areas where the state is present, areas where it is not. These maps are useful, but they also mislead. In a region of vast distances and thin populations, power rarely takes the form of holding a block of land. It takes the form of controlling movement—who may pass along a road, at what price, with what goods and under whose protection.</p>
<p>The trans-Saharan routes that connect the coastal economies of West Africa with North Africa are among the oldest trade networks on the continent. Salt, livestock, grain, fuel, cigarettes, consumer goods and people have moved along them for generations, adapting to every administration that has claimed the territory. The current wave of insecurity has not stopped that movement. It has repriced it.</p>
<h2>Checkpoints as institutions</h2>
<p>On many roads, a traveller will pass through a sequence of checkpoints staffed by different actors: soldiers, gendarmes, customs officers, local militias and, in some areas, armed groups that the capital regards as enemies. Each extracts a fee, formal or informal. Over time these fees become predictable, and predictability is itself a kind of governance. Traders learn which stretches are expensive and which are dangerous, which documents help and which attract attention.</p>
<blockquote><p>“We do not ask who is legitimate. We ask who will still be standing at the checkpoint next month, because that is the one we will have to pay again.” — a livestock trader who moves herds between two Sahelian countries, speaking on condition of anonymity</p></blockquote>
<p>That remark captures something governments and their foreign partners have often missed. For people who depend on the roads, legitimacy is not primarily a matter of elections or international recognition. It is a matter of reliability. An armed group that taxes a route consistently and keeps it open can, in that narrow sense, appear more dependable than a state that closes markets, bans motorbikes or shuts borders in the name of security.</p>
<h2>The cost of closing the road</h2>
<p>Security measures that restrict movement make sense in military logic. If fighters use motorbikes, ban motorbikes. If markets supply armed groups, close the markets. Yet each of these measures also cuts the livelihoods of herders, farmers and small traders who have no connection to the fighting. Pastoralists whose seasonal migrations cross borders are especially exposed: a herd that cannot move to dry-season pasture is a herd that dies, and a family that loses its herd has few options left.</p>
<p>Border closures between neighbouring states carry similar costs on a larger scale. When diplomatic ruptures shut crossings, goods do not stop moving; they move through longer, more expensive and less regulated channels. Prices rise in the markets of landlocked countries, fuel becomes scarcer, and the main beneficiaries are precisely the smuggling networks that security policy set out to weaken.</p>
<h2>Rethinking what stability means</h2>
<p>None of this suggests that insecurity in the Sahel is merely an economic problem, or that armed groups are benign tax collectors. Violence against civilians is real, and the grievances that feed recruitment—land disputes, abuses by security forces, the absence of schools and clinics—run deep. But a strategy built only around territory will keep misreading the terrain.</p>
<p>A more realistic approach would start by treating trade corridors as public goods. That means protecting markets rather than closing them, negotiating the reopening of crossings even between governments that dislike each other, and looking for ways to make legal trade cheaper than illegal trade. It means investing in the unglamorous infrastructure—weighbridges, market halls, veterinary posts, mobile money—that lets ordinary commerce compete with the shadow economy.</p>
<p>Regional bodies, coastal states and external partners all have reasons to keep the roads open: coastal ports depend on landlocked customers, and landlocked states depend on coastal ports. The shared interest is obvious on paper. What is missing is the political will to separate the economic life of the region from the quarrels of its capitals. Until that happens, the most important border in the Sahel will remain the one that runs along the road, renegotiated every day by people who have no seat at any summit.</p>
`,
    authors: ["dawit-semere-holm"],
    primaryTag: "sahel",
    tags: ["migration", "diplomacy"],
    publishedAt: "2025-05-27T07:00:00Z",
  },
  {
    slug: "ukraine-grid-rebuilt-in-smaller-pieces",
    kicker: "Ukraine",
    headline: "Ukraine’s grid is being rebuilt in smaller pieces, and that is the point",
    standfirst:
      "Repeated attacks on large power plants have pushed Ukraine toward a more distributed energy system. The shift looks technical, but its consequences are political.",
    bodyHtml: `
<p>For most of the post-Soviet era, Ukraine’s electricity system reflected the logic of its origins: a small number of very large generating plants—nuclear, coal and hydro—feeding a high-voltage network designed to move power across long distances to industrial centres. It was efficient in peacetime, and it made the country a significant electricity producer. In war, that same concentration became a vulnerability. A system built around a few big nodes can be disrupted by striking a few big nodes.</p>
<p>The response has been gradual, improvised and, in places, remarkably inventive. Alongside repairs to large facilities, energy companies, municipalities and businesses have added smaller sources of generation closer to where power is consumed. The result is not yet a new system, but its outline is visible.</p>
<h2>From a few big plants to many small ones</h2>
<p>Distributed generation is not a new idea. Engineers have long argued that networks with many smaller sources are more resilient, because the loss of any single unit matters less. What has changed in Ukraine is that resilience has moved from an abstract benefit to a question of whether hospitals, water pumps and heating systems keep working through the winter. That urgency has accelerated investments that might otherwise have taken a decade.</p>
<p>The building blocks are familiar:</p>
<ul>
<li><strong>Gas-fired engines and small turbines</strong> installed near cities and industrial sites, able to start quickly and supply local networks.</li>
<li><strong>Rooftop and ground-mounted solar</strong>, increasingly paired with batteries, on public buildings, farms and apartment blocks.</li>
<li><strong>Combined heat and power units</strong> in municipal heating systems, which reduce dependence on a single distant source for both electricity and warmth.</li>
<li><strong>Stronger interconnection with the European grid</strong>, allowing imports during shortages and exports when there is a surplus.</li>
</ul>
<p>Each has limits. Small gas units still depend on fuel supply; solar output falls in winter, precisely when demand peaks; interconnectors have capacity constraints. Together, though, they reduce the damage any single strike can do.</p>
<h2>Who owns the new system</h2>
<p>The political dimension of decentralisation is less discussed but no less important. A grid dominated by a few large plants tends to concentrate economic power in a few large owners, whether state enterprises or private groups. A distributed grid involves many more actors: municipalities, cooperatives, small investors, development lenders and households with panels on the roof. That diversity can weaken the influence of entrenched interests that shaped Ukrainian energy policy for decades.</p>
<p>It can also create new problems. Thousands of small installations need common technical standards, fair rules for connecting to the network, and tariffs that reward investment without overburdening consumers. Regulators built to supervise a handful of giants must now oversee a crowded marketplace. If that oversight is weak, decentralisation could simply swap one set of opaque arrangements for many smaller ones.</p>
<h2>A test for European integration</h2>
<p>Ukraine’s energy future is tied to its ambition to join the European Union, and the grid is one of the areas where integration is most concrete. Synchronising with the continental network was a technical milestone; aligning market rules, separating network ownership from generation and opening the sector to competition are slower and more contested tasks. European partners have financed much of the emergency equipment. The harder question is whether they will also help finance a long-term system that is cleaner and more distributed, rather than rebuilding the old structure brick by brick.</p>
<p>There is a temptation, after any destruction, to restore what was lost. In Ukraine’s energy sector, restoration alone would recreate the same vulnerabilities. The more ambitious path—many smaller sources, more renewables, a stronger regulator and deeper ties to European markets—is slower and politically harder. It is also the one most likely to leave the country with a grid that cannot be switched off from a distance.</p>
`,
    authors: ["katrin-albescu"],
    primaryTag: "ukraine",
    tags: ["energy", "diplomacy"],
    publishedAt: "2025-05-06T09:15:00Z",
  },
  {
    slug: "andes-lithium-is-a-water-argument",
    kicker: "Andes",
    headline: "The lithium boom is a water argument in disguise",
    standfirst:
      "In the high salt flats of the Andes, the race for battery metals is colliding with the oldest resource question of all: who decides how much water a desert can spare?",
    bodyHtml: `
<p>The high salt flats of the central Andes are among the driest places on earth, and among the most valuable for the energy transition. Beneath their white crusts lie brines rich in lithium, the metal at the heart of most rechargeable batteries. Over the past decade, governments, mining companies and investors have treated these basins as a strategic prize. Local communities have tended to see them differently: as fragile water systems on which their pastures, wetlands and ways of life depend.</p>
<p>That disagreement is not a misunderstanding to be cleared up with better communication. It is a real conflict over a scarce resource, and it will shape how the lithium economy develops across the region.</p>
<h2>Mining water in a desert</h2>
<p>The most common extraction method pumps brine from beneath the salt flat into large evaporation ponds, where the sun concentrates the lithium over many months. Companies often argue that brine is not water in the ordinary sense, since it is far too salty to drink or to irrigate with. Hydrologists and residents respond that the brine and the fresh water around the edges of the basin are connected, and that drawing down one can affect the other. Lagoons that support flamingos, vegetation that feeds llamas and alpacas, and springs that supply villages all sit at the margins of these systems.</p>
<p>The science is genuinely complex. Every basin has its own geology, and long-term monitoring has often been thin. That uncertainty cuts both ways: it makes harm hard to prove, and it makes safety hard to prove. In practice, the burden of proof has usually fallen on communities with far fewer resources than the companies operating beside them.</p>
<h2>Three countries, three models</h2>
<p>The countries that share the so-called lithium triangle have chosen different paths. One has leaned toward national control, insisting that the state take the leading role in extraction. Another has relied heavily on provincial authorities and private concessions, producing a patchwork of rules. A third has pursued partnerships between state companies and private firms, with royalties and conditions negotiated contract by contract. Each model distributes benefits and risks differently, but none has fully resolved the question of consent from the people living around the salt flats.</p>
<p>Newer technologies, often grouped under the name direct lithium extraction, promise to separate lithium from brine without vast evaporation ponds and to reinject the remaining liquid underground. If they work at scale, they could reduce water loss significantly. But they remain unevenly proven, they consume energy and fresh water of their own, and they risk being used as a promise to secure permits rather than a commitment to deliver. We have put together <a href="https://example.org/research/lithium-extraction-methods">a short guide to the main extraction methods</a> for readers who want the technical background.</p>
<h2>Consent as infrastructure</h2>
<p>The Andean countries have signed up to international commitments on the rights of indigenous peoples, including prior consultation before projects that affect their territories. In practice, consultation has frequently been treated as a procedural hurdle: a series of meetings held late in the process, after the main decisions have already been taken. Communities have learned to distrust it, and that distrust now slows projects as effectively as any regulation.</p>
<p>A more durable approach would treat consent as a form of infrastructure, as essential to a mine as roads or power lines. That would mean independent, publicly available water monitoring; early consultation with real options on the table, including the option of saying no; and benefit-sharing arrangements negotiated with communities rather than announced to them. It would also mean accepting that some basins may simply be too fragile to mine.</p>
<p>Importing countries and battery manufacturers have a role here too. Demand for “responsibly sourced” minerals is growing, but responsibility is too often measured through certificates issued far from the salt flats. If buyers want lithium that does not carry a hidden water debt, they will need to pay for the monitoring, the time and the local agreements that make it possible. The energy transition is meant to reduce the costs one generation imposes on the next. It should not begin by imposing them on the people who live above the brine.</p>
`,
    authors: ["ignacio-valtierra"],
    primaryTag: "andes",
    tags: ["water", "energy"],
    publishedAt: "2025-07-10T10:00:00Z",
  },
  {
    slug: "south-china-sea-fishing-boat-front-line",
    kicker: "South China Sea",
    headline: "In the South China Sea, the fishing boat is the front line",
    standfirst:
      "Disputes over reefs and shoals are usually framed as naval rivalries. For the coastal communities of the region, they are first of all a struggle over dwindling fish.",
    bodyHtml: `
<p>Coverage of the South China Sea tends to focus on the largest vessels: coast guard cutters, naval patrols, dredgers building up reefs. Those are the instruments of state power, and they matter. But most of the daily activity in the contested waters involves much smaller boats. Fishing fleets, from family-run outriggers to industrial trawlers, are where the competing claims of the region meet most often, and where the costs of those claims fall most directly on ordinary people.</p>
<h2>An ocean being emptied</h2>
<p>The South China Sea has long been one of the world’s most productive fishing grounds, supporting the diets and incomes of millions of people across several coastal states. It is also under severe strain. Decades of overfishing, destructive methods and damage to reefs have depleted many stocks, pushing fishers further from shore in search of catches that once lay close to home. As coastal waters empty, boats move into more distant and more contested areas, where they encounter foreign fleets and foreign enforcement.</p>
<p>That dynamic creates a feedback loop. Depletion drives fishers into disputed waters; disputes make cooperative management impossible; the absence of cooperative management accelerates depletion. No single country can break the cycle alone, because fish do not recognise the lines that governments draw on charts.</p>
<h2>Fishers as instruments</h2>
<p>In several countries, fishing fleets have also become tools of state policy. Governments subsidise fuel and boats, encourage fishing in contested areas to demonstrate presence, and in some cases organise maritime militias that operate alongside official agencies. The result blurs the line between civilian and state activity. A fishing boat may be exactly what it appears to be, or it may be part of a coordinated effort to assert a claim—and the crews on other vessels often cannot tell the difference.</p>
<p>For ordinary fishers, this blurring is dangerous. They can find themselves harassed, detained or pushed out of traditional grounds because of policies decided far away. Small-scale fishers in particular, who lack the larger boats and political connections of industrial operators, tend to lose access first. Their livelihoods become a casualty of a contest they did not choose.</p>
<h2>What cooperation could look like</h2>
<p>The sovereignty disputes are unlikely to be settled soon. The claims are entangled with national identity, military strategy and access to potential seabed resources. Yet fisheries management is one of the few areas where limited cooperation might be possible without resolving sovereignty first. The law of the sea already provides for provisional arrangements that do not prejudice final claims, and the region has precedents for joint scientific work.</p>
<p>Practical measures could start modestly: shared stock assessments by scientists from several countries; coordinated seasonal closures during spawning periods; common rules against the most destructive methods; and hotlines between coast guards so that an encounter between fishing boats does not escalate into something larger. None of these steps would require any government to give up its claims. All of them would require a willingness to treat the sea’s ecology as a shared problem rather than a zero-sum prize.</p>
<p>The obstacles are considerable. Each government fears that cooperation will be read as weakness at home or exploited by rivals abroad. Regional diplomacy has spent years discussing a code of conduct without producing a binding text. But the fish stocks are not waiting for the diplomats. If current trends continue, the contest over who may fish in the South China Sea could eventually be settled by the simple absence of anything left to catch.</p>
<p>That would be a defeat for every claimant. The most useful thing outside partners could do is support the scientific, legal and technical work that makes limited cooperation possible, and recognise that the coastal communities of the region—not only its navies—have a stake in how the disputes are managed.</p>
`,
    authors: ["ignacio-valtierra"],
    primaryTag: "south-china-sea",
    tags: ["diplomacy"],
    publishedAt: "2025-07-22T06:45:00Z",
  },
  {
    slug: "horn-of-africa-why-everyone-wants-a-port",
    kicker: "Horn of Africa",
    headline: "Why every government in the Horn wants a port",
    standfirst:
      "Along the Red Sea and the Gulf of Aden, access to the sea has become the organising question of regional politics. The scramble for harbours says as much about insecurity as it does about trade.",
    bodyHtml: `
<p>Few stretches of coastline carry as much strategic weight as the shores of the Horn of Africa. Ships moving between Europe and Asia through the Suez Canal must pass the narrow strait at the southern end of the Red Sea. Foreign navies maintain bases in the region, Gulf states have invested heavily in ports and logistics, and the landlocked economies of the interior depend on a small number of harbours for almost all their imports and exports. It is no surprise that ports have become the currency of regional politics.</p>
<h2>The landlocked dilemma</h2>
<p>Landlocked states face a basic vulnerability: their access to the world runs through someone else’s territory. Every tonne of fuel, fertiliser and machinery they import must cross a neighbour’s border and pass through a neighbour’s port, paying fees and accepting delays set by others. For a country with a large, growing population and ambitions of rapid industrialisation, that dependence can feel like a ceiling on development and a standing threat to sovereignty.</p>
<p>The natural response is diversification: securing agreements with several ports so that no single neighbour holds all the leverage. In practice, that has meant a series of negotiations over corridors, railways, road upgrades and port concessions, some of which have unsettled the neighbours involved. Proposals that touch on territory or recognition are especially sensitive, because they can upset delicate balances among states and self-declared authorities whose status is contested.</p>
<h2>External money, local tensions</h2>
<p>Ports in the Horn are not only local infrastructure. They are also investments by outside powers seeking influence over one of the world’s busiest shipping lanes. Gulf states, East Asian lenders, European governments and others have financed terminals, roads and free-trade zones. These investments can bring real benefits—modern cranes, faster clearance, new jobs—but they also import the rivalries of their backers. A port financed by one foreign patron may be read by its rivals as a strategic foothold rather than a commercial venture.</p>
<p>That dynamic makes the region’s existing disputes harder to manage. Quarrels over borders, water and political recognition become entangled with the commercial and military interests of external actors. Local governments can sometimes play these patrons against one another to extract better terms. They can also find themselves drawn into rivalries that have little to do with their own priorities.</p>
<h2>Security at sea and on land</h2>
<p>Threats to shipping in the Red Sea and the Gulf of Aden have periodically disrupted traffic, pushing shipping lines to reroute around the southern tip of Africa at considerable cost. Each disruption is a reminder that the value of the region’s ports depends on the stability of the waters around them. It is also a reminder that instability on land—civil conflict, weak governance, poverty in coastal communities—tends to spill onto the sea.</p>
<p>A durable approach to port competition would recognise that the Horn’s harbours are more valuable as a network than as rival fortresses. Coordinated customs procedures, shared investment in rail and road links, and agreements that guarantee access for landlocked neighbours on predictable terms would benefit every state in the region. So would a regional forum in which coastal and landlocked states, rather than their foreign backers, set the rules for corridor development.</p>
<p>None of this is easy in a region where mistrust runs deep and several governments face internal crises at once. But the alternative—a scramble in which each state seeks exclusive access and each foreign patron seeks exclusive influence—risks turning the coastline into a fault line. Ports are meant to connect places. In the Horn of Africa, they are in danger of becoming one more thing to fight over.</p>
`,
    authors: ["dawit-semere-holm"],
    primaryTag: "horn-of-africa",
    tags: ["diplomacy"],
    publishedAt: "2025-09-03T08:00:00Z",
  },
  {
    slug: "balkans-voters-who-are-no-longer-there",
    kicker: "Balkans",
    headline: "The Balkan voters who are no longer there",
    standfirst:
      "Decades of emigration have reshaped the electorates of the Western Balkans. Parties now campaign to populations that are older, smaller and partly abroad.",
    bodyHtml: `
<p>Walk through a village in many parts of the Western Balkans on a weekday in winter and the silence is noticeable. Houses are shuttered, schools have merged or closed, and most of the people still living there are older. In summer and around holidays the same village fills up with cars bearing foreign licence plates, as relatives return from Germany, Austria, Switzerland or further afield. This seasonal pulse is the visible sign of a demographic shift that is quietly transforming politics across the region.</p>
<h2>A generation that left</h2>
<p>Emigration from the Western Balkans is not new. Labour migration to western Europe began decades ago, and the wars of the 1990s drove a large wave of departures. What has changed more recently is its composition and its permanence. Younger, educated people—doctors, nurses, engineers, skilled tradespeople—have been leaving in large numbers, often with their families, and many do not intend to return. Easier access to European labour markets, persistent youth unemployment and frustration with patronage-driven public institutions all push in the same direction.</p>
<p>For the countries they leave, the effects compound. Health systems struggle to staff hospitals. Employers complain of labour shortages even where wages are low. Pension systems rest on a shrinking working-age population. And electorates grow older and more dependent on the state, which has direct consequences for how politics works.</p>
<h2>How emigration changes elections</h2>
<p>Political scientists have long observed that emigration can act as a safety valve. People who are dissatisfied with their government have two broad options: stay and push for change, or leave. When leaving is easy, many of the most dissatisfied—often the most mobile and educated—choose to go. That relieves pressure on incumbents and leaves behind an electorate in which the ruling party’s networks of public employment and local favours carry greater weight.</p>
<p>Voter registers tell part of the story. In several countries, the number of registered voters is considerably higher than the number of adults actually living there, because emigrants remain on the rolls. This inflates apparent abstention and creates openings for abuse, since parties with strong local machines can mobilise absent voters in ways that are hard to monitor. Meanwhile, the rules for voting from abroad vary widely: some diaspora members can vote at embassies or by post, others must travel home, and many simply do not take part.</p>
<h2>Campaigning to a diaspora</h2>
<p>Parties have noticed. Campaigns now hold rallies in European cities with large diaspora communities, and some governing parties help arrange travel for emigrants to come home on election day. Opposition movements, for their part, increasingly see the diaspora as a natural constituency: people who left because of the system may be willing to vote against it, if they can vote at all. The result is a political contest that stretches far beyond national borders, with outcomes that can hinge on registration rules and postal deadlines.</p>
<p>There is a deeper question beneath the tactics. Should people who have built their lives elsewhere help decide the future of a country they no longer live in? Emigrants often send money home, own property and keep strong ties; their remittances are a vital part of many local economies. Yet they do not directly bear the consequences of policies on schools, hospitals or taxes. Different countries in the region answer that question differently, and the answer shapes who holds power.</p>
<p>For the European Union, which holds out the promise of membership to the Western Balkans, the demographic trend is a paradox. The prospect of integration is supposed to encourage reform and give young people reasons to stay. In practice, access to European labour markets makes leaving easier. If accession arrives after the young have gone, the region may join the union with hollowed-out economies and political systems shaped by those who remained. Keeping the door open is not enough; the countries themselves need to give their citizens reasons to stay, and voters at home need to believe that change is possible without a one-way ticket.</p>
`,
    authors: ["katrin-albescu"],
    primaryTag: "balkans",
    tags: ["elections", "migration"],
    publishedAt: "2025-09-18T07:30:00Z",
  },
  {
    slug: "kurdistan-oil-salaries-arithmetic-of-autonomy",
    kicker: "Kurdistan",
    headline: "Oil, salaries and the arithmetic of autonomy in Iraqi Kurdistan",
    standfirst:
      "The long dispute between Erbil and Baghdad over oil exports is often described as a legal quarrel. It is better understood as a fight over who pays the public sector.",
    bodyHtml: `
<p>Few relationships in the Middle East are as intricate as the one between the Kurdistan Region of Iraq and the federal government in Baghdad. The constitution adopted in 2005 gave the region broad autonomy, but it left crucial questions about natural resources deliberately vague. Who may sign contracts with foreign oil companies? Who may export the crude, and through which pipelines? Who receives the revenue, and how is it shared? Two decades later, those questions remain contested, and the answers determine whether a large part of the region’s workforce is paid on time.</p>
<h2>A budget built on barrels</h2>
<p>Iraq as a whole depends on oil for the overwhelming majority of government revenue. The Kurdistan Region is no different. For years it sought to finance itself partly through independent exports, negotiating its own contracts and sending crude north to international markets. Baghdad regarded those arrangements as unconstitutional, and federal courts and international arbitration have at various points sided with the central government on key questions. Each ruling shifted leverage, and each interruption of exports left the regional government more dependent on transfers from the federal budget.</p>
<p>The consequences of that dependence are felt most directly in public salaries. A large share of working people in the region are employed by the government, and delays or cuts to their pay ripple through the entire economy: shopkeepers extend credit, families postpone purchases, and confidence in regional institutions erodes. Salaries have therefore become the most sensitive point in every negotiation between Erbil and Baghdad, more immediate than any abstract argument about federalism.</p>
<h2>What each side wants</h2>
<p>Stripped to their essentials, the positions are not hard to describe:</p>
<ul>
<li><strong>Baghdad</strong> wants central control over oil marketing and revenue, transparent accounts of regional production, and a budget process in which transfers depend on compliance with federal rules.</li>
<li><strong>Erbil</strong> wants predictable, guaranteed funding for salaries and services, recognition of existing contracts with oil companies, and protection of the autonomy written into the constitution.</li>
<li><strong>Foreign oil companies</strong> operating in the region want to be paid for past and future production, and clarity about whose contracts will be honoured.</li>
<li><strong>Neighbouring states</strong>, particularly those crossed by pipelines, want stable transit arrangements and fees, and influence in both Iraqi capitals.</li>
</ul>
<p>The difficulty is that these interests overlap only in part. A deal that satisfies Baghdad’s demand for control can feel to Erbil like a surrender of autonomy. A deal that protects Kurdish contracts can look in Baghdad like a reward for years of defiance.</p>
<h2>Divisions on both sides</h2>
<p>The dispute is further complicated by divisions within each camp. The Kurdistan Region is itself shaped by two main parties with distinct territorial strongholds, separate security forces and a long history of rivalry. Their competition over revenue, appointments and relations with neighbouring states affects the region’s negotiating position, sometimes making a unified front hard to hold. In Baghdad, governing coalitions are assembled from many parties with different attitudes toward Kurdish autonomy, and budget talks become occasions for much broader bargaining.</p>
<p>There is also a water dimension that is often overlooked. The region sits astride important tributaries of the Tigris, and its dams and reservoirs influence flows further south. As scarcity intensifies across Iraq, this upstream position could become another bargaining chip—or another source of friction—in relations with the federal government.</p>
<h2>Toward a settlement that lasts</h2>
<p>A lasting solution probably requires what Iraq has postponed for two decades: a federal hydrocarbons law that clarifies authority over contracts, exports and revenue-sharing. Such a law would not end political competition, but it would move the contest from courtrooms and pipeline shutdowns into a predictable legal framework. It would also need transparent accounting of production and revenue on both sides, so that neither capital can accuse the other of hiding money.</p>
<p>Until then, the relationship will keep lurching from crisis to temporary arrangement and back again. For the teachers, nurses and civil servants of the region, the question is not who is constitutionally right. It is whether this month’s salary will arrive.</p>
`,
    authors: ["katrin-albescu", "oriane-castellet"],
    primaryTag: "kurdistan",
    tags: ["iraq-syria", "energy", "water"],
    publishedAt: "2025-11-05T08:30:00Z",
  },
  {
    slug: "iraq-syria-going-home-is-a-policy",
    kicker: "Iraq/Syria",
    headline: "Going home is a policy, not a moment",
    standfirst:
      "Governments across Iraq and Syria want displacement camps closed. For the people living in them, return depends on houses, documents and trust that no decree can provide.",
    bodyHtml: `
<p>Displacement camps are meant to be temporary. That is the premise on which they are planned, funded and tolerated. Yet across Iraq and Syria, many camps have persisted for years, becoming something between a refuge and a permanent settlement. Governments understandably want them closed: they are expensive, politically awkward and a visible reminder of unfinished conflicts. Aid agencies, facing shrinking budgets, feel similar pressure. The question is not whether people should eventually leave the camps, but what they are returning to, and whether the return will last.</p>
<h2>Houses, land and paper</h2>
<p>For a displaced family, the decision to return begins with practical questions. Is the house still standing? If not, who will pay to rebuild it? Does someone else live there now? Are the property records intact, and can the family prove ownership? In areas where records were destroyed, where informal ownership was common, or where land was seized during the fighting, these questions can take years to answer.</p>
<p>Civil documentation is a parallel obstacle. Children born during displacement may lack birth certificates. Adults may have lost identity cards, or hold documents issued by authorities the current government does not recognise. Without papers, people struggle to enrol children in school, see a doctor, claim compensation or pass through checkpoints. Legal aid groups have spent years helping families navigate these procedures, and their work is among the least visible but most consequential parts of the humanitarian effort. Our reading list on <a href="https://example.org/guides/housing-land-property-rights">housing, land and property rights after conflict</a> collects some of the background.</p>
<h2>The weight of suspicion</h2>
<p>Return is also a social question. Communities that lived under the rule of armed groups often harbour deep suspicion toward families perceived—rightly or wrongly—as having been associated with them. Those perceptions can attach to an entire household because of the actions of a single relative. Local leaders, tribal figures and security agencies may demand guarantees or clearances before allowing families back, and the criteria are not always transparent.</p>
<p>Reconciliation processes exist in various forms, from formal committees to tribal agreements, but they are uneven and sometimes coercive. A family may be allowed to return only after publicly disowning a relative, or may be welcomed back in principle and then quietly excluded from jobs and services. Where these tensions are unresolved, return can produce secondary displacement: people go home, find they cannot stay, and move again, often to informal settlements on the edges of cities.</p>
<h2>What makes return sustainable</h2>
<p>International guidance on displacement stresses that returns should be voluntary, safe and dignified, and treats return as only one of three so-called durable solutions, alongside integration where people currently live and relocation elsewhere. In practice, political pressure tends to favour return to places of origin, because it signals that a conflict is over. That preference can produce deadlines that outrun conditions on the ground.</p>
<p>A more sustainable approach would start from conditions rather than timetables. It would invest in housing reconstruction and in functioning courts to resolve property disputes. It would make civil documentation easier to obtain, including for people whose papers came from non-state authorities. It would support local reconciliation mechanisms that are genuinely voluntary and protect individuals from collective punishment. And it would accept that some families will choose not to go back at all, and give them the means to build lives where they are.</p>
<p>There is a regional dimension too. Displacement in Iraq and Syria is linked: people have crossed the border in both directions, and camps in one country have housed citizens of the other. Bringing them home requires cooperation between governments that have their own reasons for caution. Without it, people can remain stranded in legal limbo for years.</p>
<p>The closing of a camp is often announced as an ending. For the families who lived there, it is rarely the end of displacement. It is the beginning of a different, less visible phase, and whether it succeeds depends on the slow work of rebuilding homes, paperwork and trust.</p>
`,
    authors: ["oriane-castellet"],
    primaryTag: "iraq-syria",
    tags: ["migration"],
    publishedAt: "2025-11-20T09:00:00Z",
  },
  {
    slug: "sahel-migration-is-an-economy",
    kicker: "Sahel",
    headline: "Migration through the Sahel is an economy before it is a crisis",
    standfirst:
      "European policy has long treated the Sahel as a corridor to be closed. For the towns along the route, movement is a livelihood, and stopping it carries costs that rarely appear in any agreement.",
    bodyHtml: `
<p>Seen from Europe, migration through the Sahel usually appears as a problem of numbers: how many people cross the desert, how many reach the Mediterranean, how many arrive. Seen from the towns along the routes, it looks quite different. Migration is an economy. It supports drivers, guesthouse owners, money changers, food sellers, mechanics and the many intermediaries who arrange passage. In some desert towns it has been one of the few reliable sources of income for years.</p>
<h2>The logic of externalisation</h2>
<p>For more than a decade, European governments have tried to reduce irregular migration by working with countries of transit and origin. The tools have included funding for border management, training for security forces, development projects meant to address the causes of migration, and laws that criminalise the transport of migrants. The underlying idea—usually called externalisation—is to manage migration before people reach European territory.</p>
<p>These policies had measurable effects on some routes. But they also produced consequences that were less often discussed in European capitals. When transporting migrants became illegal, the trade did not disappear; it went underground. Routes shifted to more remote and dangerous tracks to avoid checkpoints. Prices rose, and so did the risks for migrants, who became more dependent on smugglers and more exposed to being abandoned in the desert. Local economies that had depended on the legal, visible version of the trade lost income, and resentment of foreign-driven policy grew.</p>
<h2>When partners change</h2>
<p>The political landscape of the central Sahel has changed markedly in recent years. Several governments have reoriented their international partnerships, distancing themselves from former European allies and seeking support elsewhere. In at least one country, a law against migrant transport adopted under European encouragement was later repealed. These shifts exposed the fragility of migration cooperation built on security funding: when the political relationship sours, the cooperation can unravel quickly.</p>
<p>The lesson is not that cooperation is impossible, but that it cannot rest on the priorities of one side alone. Transit countries have their own interests: revenue, employment, freedom of movement within their regional economic communities, and the welfare of their own citizens who migrate. Agreements that ignore those interests are unlikely to survive a change of government.</p>
<h2>A different kind of partnership</h2>
<p>What would a more balanced approach look like? It would begin by recognising that most migration in West Africa is regional, not intercontinental. Far more people move between neighbouring countries for seasonal work, trade and family reasons than attempt the journey to Europe. Free movement is a long-standing pillar of West African integration, and policies that undermine it in the name of stopping onward migration harm the many in order to deter the few.</p>
<p>It would also widen legal pathways. If young people in the Sahel could apply for seasonal work, study or training in Europe through channels that were accessible and predictable, fewer would pay smugglers for a dangerous journey. Such programmes exist, but they remain small relative to demand and are often complicated to navigate.</p>
<p>Finally, it would invest in the economies of transit towns themselves, not as a reward for enforcement but in recognition that these communities need alternatives. Solar power, irrigation, livestock markets and local processing of farm produce could provide livelihoods that do not depend on movement. Development funding has too often been framed as a bargaining chip in migration talks; it might work better as a genuine investment in places that have mostly been treated as obstacles.</p>
<p>Migration through the Sahel will continue, because the forces behind it—demography, climate stress, conflict and the pull of opportunity elsewhere—are not going away. The real choice is whether it happens in ways that are legal, safer and beneficial for the communities along the way, or in ways that enrich smugglers and endanger the people they carry.</p>
`,
    authors: ["dawit-semere-holm"],
    primaryTag: "sahel",
    tags: ["migration", "diplomacy"],
    publishedAt: "2026-01-15T08:00:00Z",
  },
  {
    slug: "ukraine-grain-ports-black-sea",
    kicker: "Ukraine",
    headline: "Grain, ports and the long shadow of the Black Sea",
    standfirst:
      "Ukraine’s farm economy has survived by finding new routes to market. Those routes have also reshaped its relationships with its neighbours and its path toward Europe.",
    bodyHtml: `
<p>Before the full-scale invasion, Ukraine’s agricultural exports followed a straightforward path. Grain and oilseeds grown on the country’s vast, fertile plains travelled by rail and truck to ports on the Black Sea, where they were loaded onto ships bound for the Middle East, North Africa, Asia and Europe. The country became one of the world’s leading exporters of wheat, maize and sunflower oil, and many importing countries built their food security partly on its harvests.</p>
<p>War disrupted that path at every stage. Farmland was occupied or mined, storage facilities and ports came under attack, and shipping in the Black Sea became hazardous. Yet Ukrainian agriculture did not collapse. It adapted, and the way it adapted says a great deal about the country’s economic and political future.</p>
<h2>New routes, new frictions</h2>
<p>When sea routes were constrained, exporters turned to overland corridors through neighbouring European Union countries and to river ports on the Danube. These alternatives were slower and more expensive, but they kept goods moving. The European Union temporarily lifted tariffs and quotas on many Ukrainian products and set up so-called solidarity lanes to ease transit.</p>
<p>The new routes brought new frictions. Farmers in neighbouring countries protested that cheap Ukrainian grain was depressing local prices, and several governments restricted imports. What began as a gesture of solidarity became a domestic political issue in countries where agricultural interests carry real electoral weight. The episode revealed a tension that will shape Ukraine’s path toward membership: bringing a large agricultural producer into the single market will affect farmers across the union, and those farmers vote.</p>
<h2>The return of the sea</h2>
<p>Over time, Ukraine re-established a maritime corridor hugging its own coast, allowing ships to reach its ports under difficult conditions. Seaborne exports recovered substantially, demonstrating both the resilience of Ukrainian logistics and the lasting importance of the Black Sea to the country’s economy. But shipping remains exposed: insurance costs are higher, port infrastructure remains a target, and the security of the corridor depends on military realities that can change quickly.</p>
<p>For importing countries, the lesson has been sobering. Dependence on a single region for staple foods is a vulnerability, and many governments in the Middle East and Africa have made diversifying suppliers a priority. That diversification may persist even if Black Sea trade normalises, permanently reshaping global grain markets.</p>
<h2>Agriculture and accession</h2>
<p>Ukraine’s farm sector is one of the largest obstacles and one of the largest prizes in its accession process. On one hand, Ukrainian farms are large, efficient and competitive, and bringing them into the common agricultural policy would have major implications for how subsidies are distributed. On the other, Ukrainian agriculture could strengthen European food security and become a significant source of exports for the union as a whole.</p>
<p>Negotiations will need to address questions that go well beyond trade: land ownership rules, environmental standards, animal welfare, food safety and the concentration of farmland in very large holdings. They will also need to answer the concerns of farmers in existing member states who fear competition from a lower-cost producer. Transition periods, safeguards and targeted support are the likely tools, as they were in earlier enlargements.</p>
<p>There is a broader point here. Ukraine’s survival as an agricultural exporter in wartime has been a story of adaptation, solidarity and improvisation. Its integration into European markets will be a story of negotiation, compromise and domestic politics in many countries at once. The fields are the same; the politics around them are changing fast. How Europe manages that change will say a great deal about whether enlargement can work both for the newcomers and for those already inside.</p>
`,
    authors: ["katrin-albescu"],
    primaryTag: "ukraine",
    tags: ["diplomacy"],
    publishedAt: "2026-02-11T07:45:00Z",
  },
  {
    slug: "andes-party-system-dissolved",
    kicker: "Andes",
    headline: "The Andean party system has dissolved. What replaces it?",
    standfirst:
      "Across several Andean democracies, established parties have given way to short-lived personal vehicles. The result is a politics that elects quickly and governs with great difficulty.",
    bodyHtml: `
<p>In much of the Andean region, voters heading to the polls face a ballot crowded with names they barely knew a year earlier. Dozens of parties may register for a single election, many of them created for the occasion around a single candidate. Traditional parties that once structured political competition have shrunk or disappeared. Presidents are elected with narrow pluralities, often after runoffs between candidates who began the campaign with modest support. And once in office, they face legislatures so fragmented that assembling a stable majority is close to impossible.</p>
<h2>How the old parties fell</h2>
<p>The decline of established parties across the region has several causes. Economic crises, corruption scandals and the sense that political elites served themselves rather than voters eroded trust over decades. In some countries, constitutional reforms or new electoral rules made it easier to form new parties and harder for existing ones to keep discipline. Television and then social media allowed individual candidates to reach voters directly, without the local networks that parties once provided.</p>
<p>Regional divides play a role as well. The Andean countries contain deep differences between coast and highlands, between capitals and provinces, between urban middle classes and indigenous and rural communities. When national parties fail to bridge those divides, regional movements and personal vehicles fill the gap, often mobilising strong local loyalties without ever building national organisations.</p>
<h2>Symptoms of fragmentation</h2>
<p>The consequences of a fragmented party system are visible across the region. Among the most common:</p>
<ol>
<li><strong>Weak presidential mandates.</strong> Candidates can reach a runoff with a small share of the first-round vote and win the presidency largely as the lesser evil for many voters.</li>
<li><strong>Unstable legislatures.</strong> Deputies elected under one banner frequently switch allegiance, and coalitions form and dissolve around individual votes.</li>
<li><strong>Conflict between branches.</strong> Presidents and congresses clash repeatedly, and impeachment motions or threats to dissolve parliament become tools of ordinary politics.</li>
<li><strong>Short policy horizons.</strong> Without parties that expect to exist in ten years, there is little incentive to invest in reforms whose benefits arrive after the next election.</li>
</ol>
<p>Each of these symptoms reinforces the others. Weak mandates make presidents vulnerable to congressional pressure; unstable legislatures make governing coalitions fragile; constant conflict erodes trust in institutions; and lower trust drives voters toward new outsiders, continuing the cycle.</p>
<h2>Reform without illusions</h2>
<p>Electoral reform is often proposed as the remedy: higher thresholds for entering congress, stricter rules on party registration, limits on legislators switching sides, or changes to the timing of presidential and legislative elections. Some of these measures can help at the margins. But reforms designed by incumbent politicians tend to reflect their own interests, and voters are understandably suspicious of rules that seem to protect the existing political class.</p>
<p>There is also a risk of treating fragmentation as the disease rather than the symptom. Parties collapsed because they stopped representing large parts of the population. Rebuilding them by legal design, without addressing the grievances behind their decline, would produce hollow organisations. Durable parties are built from below: from unions, neighbourhood associations, regional movements and civic networks that give people a reason to belong beyond a single campaign.</p>
<p>The Andean democracies have proved resilient in one important sense: elections continue to be held, and power continues to change hands, often amid intense crisis. But resilience is not the same as health. A political system that regularly elects presidents with thin support, and then spends their terms trying to remove them, leaves voters feeling that nothing they choose will last. That feeling is the real danger, because it opens the door to those who promise to end the churn by abandoning democratic rules altogether.</p>
`,
    authors: ["ignacio-valtierra"],
    primaryTag: "andes",
    tags: ["elections"],
    publishedAt: "2026-03-04T09:30:00Z",
  },
  {
    slug: "balkans-fight-over-last-wild-rivers",
    kicker: "Balkans",
    headline: "The fight over the Balkans’ last wild rivers",
    standfirst:
      "A wave of small hydropower projects promised clean energy for the Western Balkans. Instead it has become a test of how the region balances climate goals, local rights and public money.",
    bodyHtml: `
<p>The rivers of the Western Balkans are among the least altered in Europe. Many still flow freely through steep valleys, supporting fish species found nowhere else and communities that depend on them for drinking water, farming and tourism. Over the past two decades, those same rivers attracted a rush of investment in small hydropower plants, encouraged by generous subsidies and the promise of renewable energy. The backlash that followed has become one of the region’s most significant environmental and political movements.</p>
<h2>The subsidy rush</h2>
<p>A small hydropower plant typically diverts water from a river through a pipe to a turbine further downstream, returning it to the riverbed below. Individually, such plants generate modest amounts of electricity. Their appeal for investors lay largely in feed-in tariffs: guaranteed, above-market prices for renewable power, paid for by electricity consumers. Across the region, governments adopted these incentives to meet renewable targets linked to their European energy commitments.</p>
<p>The result was a proliferation of projects, many of them on ecologically sensitive mountain streams. Critics argued that environmental assessments were often superficial, that permits were granted without real consultation, and that some projects left stretches of river nearly dry for much of the year. Because each plant produced so little, the combined contribution to national electricity supply was small relative to the damage, while the subsidies flowed to a limited circle of investors, some with close ties to political elites.</p>
<h2>From village protest to national politics</h2>
<p>Opposition began locally. Residents of mountain villages blocked construction sites, kept watch along riverbanks and challenged permits in court. Over time, these local protests connected with national environmental groups, international conservation organisations and scientists documenting the ecological value of Balkan rivers. In several countries the movement won notable victories: courts annulled permits, some governments ended subsidies for small hydropower, and certain rivers gained protected status.</p>
<p>The campaigns also mattered beyond the environment. They showed that citizens could challenge decisions made through opaque networks of officials and investors, and win. In a region where trust in institutions is low and many people feel powerless, that lesson resonated. Some activists who began by defending a river went on to campaign on corruption, local government and the rule of law.</p>
<h2>An energy transition without repeating mistakes</h2>
<p>None of this means the Western Balkans can avoid hard energy choices. The region still relies heavily on ageing coal-fired plants, which contribute to some of the worst air pollution in Europe. European carbon pricing, including measures that will reach electricity exported into the union, adds pressure to decarbonise. The question is how to do so without repeating the mistakes of the small hydropower rush.</p>
<p>Several principles emerge from the experience. Support schemes for renewables should be competitive and transparent, rather than fixed tariffs handed out at official discretion. Environmental assessments should be rigorous and cumulative, weighing the combined effect of many projects on a whole river basin. Communities should be consulted early and meaningfully. And priority should go to options with larger contributions and smaller ecological footprints—solar, wind and energy efficiency—along with the modernisation of existing large hydropower plants rather than new dams on intact rivers.</p>
<p>The Balkans’ rivers are part of a shared European heritage, and the movement to protect them has shown how local conflicts can reshape national policy. The energy transition will require new infrastructure, and some of it will be contested. The lesson from the valleys is that projects imposed without transparency or consent generate resistance that can delay them indefinitely. Projects built on trust, fair rules and a clear public benefit have a far better chance of being welcomed.</p>
`,
    authors: ["katrin-albescu"],
    primaryTag: "balkans",
    tags: ["energy", "water"],
    publishedAt: "2026-04-09T08:15:00Z",
  },
  {
    slug: "nile-after-the-dam-can-the-basin-share",
    kicker: "Horn of Africa",
    headline: "After the dam: can the Nile basin learn to share?",
    standfirst:
      "A vast new dam on the Blue Nile has changed the balance of power in the basin. The harder work now is agreeing rules for drought years that everyone can live with.",
    bodyHtml: `
<p>For much of the twentieth century, the politics of the Nile were shaped by agreements that allocated most of its waters to the downstream countries. Upstream states, where much of the river’s flow originates, were largely left out of those arrangements. The construction of a very large hydroelectric dam on the Blue Nile, in the highlands of the Horn of Africa, marked a decisive shift. For its builders it was a symbol of national development and a source of electricity for millions of people without reliable power. For the downstream states it raised fears about their most vital resource.</p>
<h2>A question of drought, not of average years</h2>
<p>In an average year, a hydropower dam does not consume much water; it stores water and releases it through turbines to generate electricity. Evaporation from the reservoir is a real loss, but the bulk of the flow continues downstream. The serious disputes concern two periods: the filling of the reservoir, when water is held back, and prolonged droughts, when every cubic metre matters.</p>
<p>The downstream countries have sought binding rules on how the dam will be operated during droughts, including commitments to release minimum volumes and to coordinate with their own reservoirs. The upstream state has resisted commitments it sees as constraining its sovereignty or locking in historical allocations that excluded it. Years of negotiation, under a succession of mediators, have produced principles and partial understandings but no comprehensive binding agreement.</p>
<h2>Mutual benefit is possible</h2>
<p>The technical case for cooperation is strong. Storage in the cooler highlands, where evaporation is lower than in desert reservoirs further downstream, could in principle benefit the whole basin by regulating flows and reducing losses. Coordinated operation of reservoirs upstream and downstream could make water supply more reliable for everyone. Electricity from upstream dams could be traded regionally, linking national grids and supporting economic integration. Hydrologists have modelled such scenarios extensively; our research notes include <a href="https://example.org/research/nile-coordinated-reservoir-operation">a summary of what the models suggest about coordinated operation</a>.</p>
<p>Yet technical possibilities founder on political mistrust. Each country worries that cooperation will legitimise claims it rejects, or that commitments made in good years will be broken in bad ones. Domestic politics amplifies these fears: for one government the dam is a matter of national pride, for another the Nile is a matter of national survival, and neither can afford to look weak.</p>
<h2>Beyond the three capitals</h2>
<p>Public attention has focused on the three countries most directly involved, but the Nile basin includes many more states, several with their own development plans for the river and its tributaries. A cooperative framework among upstream states has sought to set principles for equitable use, but the downstream countries have not joined it. A basin-wide settlement would eventually need to include all the riparian states, which makes the task more complex still.</p>
<p>Climate change adds urgency. Rainfall in the highlands is variable, and projections suggest droughts and floods may become more extreme. Population growth across the basin will raise demand for water, food and energy. The absence of agreed drought rules is therefore not an abstract legal gap but a practical risk that grows every year.</p>
<p>Progress is likely to be incremental. Sharing data on reservoir levels and releases, joint technical committees with real authority, and agreed procedures for dry years would all be significant steps, even without a comprehensive treaty. Regional electricity trade could create shared interests that make cooperation on water easier. International partners can help by financing joint studies and infrastructure, but they cannot impose an agreement.</p>
<p>The dam is built. The question now is whether the basin will treat it as a fait accompli to be resented, or as a piece of shared infrastructure to be managed together. The answer will shape the lives of hundreds of millions of people who depend on the Nile, most of whom will never see the dam itself.</p>
`,
    authors: ["oriane-castellet", "dawit-semere-holm"],
    primaryTag: "horn-of-africa",
    tags: ["water", "diplomacy", "energy"],
    publishedAt: "2026-06-16T07:00:00Z",
  },
  {
    slug: "south-china-sea-invisible-infrastructure-seabed",
    kicker: "South China Sea",
    headline: "The invisible infrastructure on the seabed",
    standfirst:
      "Undersea cables and pipelines carry much of Asia’s data and some of its energy. In contested waters, they have become a new arena of strategic competition.",
    bodyHtml: `
<p>Most discussion of the South China Sea focuses on what happens on the surface: ships, islands, patrols. But much of the region’s economic importance lies beneath the waves. Undersea fibre-optic cables carry the overwhelming majority of international internet traffic, linking the economies of East and Southeast Asia to each other and to the rest of the world. Pipelines carry gas from offshore fields. Exploration for oil and gas continues in areas claimed by more than one country. This seabed infrastructure is essential, vulnerable and increasingly entangled in geopolitical rivalry.</p>
<h2>Cables as strategic assets</h2>
<p>Undersea cables have long been treated as commercial infrastructure, built and operated by consortia of telecommunications companies. Their routes were chosen for cost and efficiency, and their security rested on the general principle that damaging them served no one’s interest. That assumption is weakening. Governments increasingly see cables as strategic assets, with implications for surveillance, resilience and technological competition.</p>
<p>In the South China Sea, the shift is visible in several ways. Permits for laying and repairing cables in contested waters can become entangled with sovereignty claims, as states seek to assert jurisdiction over activity on the seabed. Some cable projects have been routed around disputed areas at additional cost. Concerns about which companies build and maintain cables have led some governments to exclude certain suppliers, reflecting a wider technological rivalry between major powers.</p>
<p>Cables are also easy to damage, whether by accident or by design. Fishing gear and ship anchors cause most cable faults worldwide, and repairs require specialised vessels that are in short supply. In a sea crowded with shipping and fishing, the risk of disruption is significant. The difficulty of attribution—telling an accident from sabotage—adds a layer of uncertainty that can sharpen tensions.</p>
<h2>Energy under disputed waters</h2>
<p>The seabed of the South China Sea is believed to hold oil and gas, although estimates vary widely and much of the most contested area remains unexplored. For coastal states, offshore energy matters for domestic supply and economic development. Several countries already operate fields within the exclusive economic zones they claim, and some have faced pressure when exploration or drilling takes place in areas claimed by others.</p>
<p>Joint development arrangements, in which countries set aside sovereignty disputes to share resources, have been proposed many times, and precedents exist elsewhere in the world. Here, however, such arrangements have struggled, because each side fears that cooperation will be read as acceptance of the other’s claim. Energy companies, meanwhile, are reluctant to invest where legal uncertainty and the risk of confrontation are high.</p>
<h2>Protecting shared infrastructure</h2>
<p>There are practical steps that could reduce risks to seabed infrastructure without resolving the sovereignty disputes. Regional agreements on cable protection could set notification procedures for repairs, designate protection corridors where anchoring and bottom trawling are restricted, and streamline permits for repair ships. Sharing information on cable routes and incidents could shorten response times. International law already protects cables in principle; the challenge is turning that protection into regional practice.</p>
<p>For energy, confidence-building measures—advance notice of exploration activity, and communication channels between national oil companies and coast guards—could reduce the risk that incidents escalate. Longer-term arrangements for joint development remain possible, but they require a degree of political trust that is currently scarce.</p>
<p>The seabed of the South China Sea is where the region’s digital and energy futures meet. Treating that infrastructure as a battlefield would harm every country that depends on it. Treating it as shared infrastructure, protected by common rules, would be a modest but meaningful step toward stability in one of the world’s most contested seas.</p>
`,
    authors: ["ignacio-valtierra"],
    primaryTag: "south-china-sea",
    tags: ["energy", "diplomacy"],
    publishedAt: "2026-08-25T06:30:00Z",
  },
  {
    slug: "iraq-syria-border-crossings-decide-who-governs",
    kicker: "Iraq/Syria",
    headline: "The border crossings that decide who governs",
    standfirst:
      "Along the frontier between Iraq and Syria, control of the crossings brings revenue, leverage and legitimacy. Reopening trade will test whether that frontier becomes a bridge or a barrier.",
    bodyHtml: `
<p>Borders are often imagined as lines, but in practice they are a series of points. Along the long desert frontier between Iraq and Syria, what matters are the crossings: the few places where roads pass through, where trucks queue, where customs officers inspect cargo and where fees are collected. Whoever controls a crossing controls a flow of goods and money, and with it a measure of political power. Through more than a decade of conflict, those crossings have been held by shifting combinations of governments, militias and foreign-backed forces. How they are run in the coming years will shape the politics of both countries.</p>
<h2>Revenue and leverage</h2>
<p>Customs duties and informal fees from cross-border trade are a significant source of income for whoever controls the crossings. For governments with limited revenue, that income can pay salaries and fund services. For armed groups, it can finance operations and patronage networks. The temptation to keep hold of a crossing, rather than hand it to central authorities, is therefore strong, and disputes over who collects money at the border are often disputes over who holds power inside the country.</p>
<p>Crossings also provide leverage over neighbours. Closing a border can cut off supplies, disrupt markets and raise prices on the other side. Reopening it can be offered as a reward or traded for concessions. In a region where outside powers compete for influence, control of particular crossings has been linked to wider strategic projects, including corridors meant to connect allies across several countries.</p>
<h2>Trade that never fully stopped</h2>
<p>Even at the height of the fighting, trade across the frontier never fully stopped. Goods moved through official crossings when they were open, and through informal routes when they were not. Fuel, food, livestock, building materials and consumer goods crossed in both directions, often at inflated prices and through intermediaries who profited from scarcity. Smuggling networks adapted to every change of control, and in some areas became more entrenched than the authorities nominally in charge.</p>
<p>The question now is whether formal trade can displace those networks. Reopening crossings under transparent management, with predictable tariffs and efficient procedures, could reduce the incentive to smuggle and raise public revenue. But formalisation threatens those who benefit from the current arrangements, and they have the means to resist.</p>
<h2>What a functioning frontier requires</h2>
<p>Turning the Iraq–Syria border into a channel for legitimate trade would require several elements working together. Security arrangements must stop armed groups from using crossings for their own purposes without imposing restrictions so heavy that trade becomes impossible. Customs administrations on both sides need capacity, integrity and coordination, including shared standards for inspection and paperwork. And revenue must flow into public accounts that citizens can scrutinise, not into the coffers of factions.</p>
<p>The Kurdish-led authorities in northeast Syria and the Kurdistan Region of Iraq add another dimension. Crossings between those areas have served as lifelines, but their status has depended on relations between Kurdish authorities, the two central governments and regional powers. Any broader settlement of the frontier will need to address these crossings and the people who rely on them.</p>
<p>There is a humanitarian side as well. Border closures have at times blocked aid, separated families and stranded displaced people. Reliable crossings would make it easier for people to return home, visit relatives and rebuild livelihoods that straddle the frontier.</p>
<p>The frontier between Iraq and Syria was drawn in the last century with little regard for the communities it divided. Tribes, families and trading networks have always spanned it. A frontier that works as a bridge—open to legitimate trade and movement, governed by rules rather than by whoever holds the guns—would serve those communities and the states on both sides. A frontier that remains a patchwork of contested crossings would keep feeding the armed economies that have held the region back for so long.</p>
`,
    authors: ["dawit-semere-holm"],
    primaryTag: "iraq-syria",
    tags: ["kurdistan", "diplomacy", "migration"],
    publishedAt: "2026-10-08T08:00:00Z",
  },
];

export const demoPages: DemoPage[] = [
  {
    slug: "about",
    title: "About us",
    bodyHtml: `
<p><strong>The Far Margin</strong> is an independent, reader-funded publication of long-form political analysis. We write about the places where borders, rivers, trade routes and elections meet—regions that tend to appear in the news only when something breaks, and vanish again once the cameras leave.</p>
<p>We publish slowly on purpose. Our writers spend weeks on a single piece, reading widely, listening to people who live with the consequences of policy, and trying to explain structural forces rather than chase the day’s headlines. Everything we publish is analysis and opinion, and we label it as such. Each piece is edited by at least two people before it appears.</p>
<p>We are a small team of four writers and a handful of freelance editors spread across several time zones. We take no money from governments, political parties or companies whose interests we cover, and we carry no advertising. When we get something wrong, we correct it openly at the foot of the article.</p>
`,
  },
  {
    slug: "contact",
    title: "Contact",
    bodyHtml: `
<p>We read everything that reaches us, although we cannot always reply individually. For general questions, corrections and feedback on our articles, write to <strong>editors@example.org</strong>. Please include a link to the piece you are writing about.</p>
<p>If you would like to write for us, send a short pitch to <strong>pitches@example.org</strong>: a few paragraphs on the argument you want to make, why it matters now, and what you bring to it. We commission a small number of outside pieces each year and pay for every one of them.</p>
<p>For questions about memberships, receipts or your account, contact <strong>members@example.org</strong>. If you have sensitive information to share, please send a brief note first so that we can agree on a safer way to continue the conversation.</p>
`,
  },
  {
    slug: "support",
    title: "Support our work",
    bodyHtml: `
<p>The Far Margin has no paywall and no advertising. Every article is free to read, share and discuss, and we intend to keep it that way. That is only possible because several thousand readers choose to pay for work that everyone else can read for free.</p>
<p>Your support pays for the things that make slow journalism possible:</p>
<ul>
<li>time for our writers to research a single question for weeks rather than hours;</li>
<li>careful editing and fact-checking of every piece;</li>
<li>fair fees for the outside contributors and translators we work with;</li>
<li>the modest servers and tools that keep the site running.</li>
</ul>
<p>You can become a member with a monthly or annual contribution of any size on our <a href="https://example.org/support/membership">membership page</a>. If you cannot give money, you can still help: share articles you found useful, send us corrections, and tell a friend who cares about the places we write about.</p>
`,
  },
];
