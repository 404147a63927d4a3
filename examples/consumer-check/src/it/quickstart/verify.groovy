// Runs after the consumer build: did the quick start run, and is the BOM what a user should import?
// (Plain JDK DOM: the invoker's Groovy has no XML module.)
import javax.xml.parsers.DocumentBuilderFactory

def log = new File(basedir, 'build.log').text
assert log.contains('consumer-check: issued MYID') : 'the quick start did not issue a number'
assert log.contains('consumer-check: stores [jdbc, memory, redis] with HikariCP and Jedis') : 'a store or its client is missing'

def parse = { File file -> DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).documentElement }
def children = { element, String name -> element == null ? [] : element.childNodes.findAll { it.nodeName == name } }
def child = { element, String name -> children(element, name).find() }
def text = { element, String name -> child(element, name)?.textContent?.trim() ?: '' }

// The installed BOM: no parent (so no third-party versions leak into an importing build), it
// manages org.tracknum artifacts only, and it carries the publication metadata itself.
def bomFile = new File(localRepositoryPath, "org/tracknum/tracknum-bom/${tracknumVersion}/tracknum-bom-${tracknumVersion}.pom")
assert bomFile.isFile() : "no installed BOM at ${bomFile}"
def bom = parse(bomFile)
assert child(bom, 'parent') == null : 'the installed BOM has a parent: importing it would manage third-party versions'
def managed = children(child(child(bom, 'dependencyManagement'), 'dependencies'), 'dependency')
assert managed.every { text(it, 'groupId') == 'org.tracknum' } : 'the BOM manages something that is not ours'
def inBom = managed.collect { text(it, 'artifactId') } as Set
['url', 'licenses', 'scm', 'developers', 'issueManagement'].each { name ->
    assert child(bom, name) != null : "the installed BOM has no <${name}>"
}

// Every published jar module of the reactor is in the BOM, and nothing else. A module is published
// unless it or one of its parents in this repository sets tracknum.publish.skip=true.
def poms = [:]   // artifactId -> pom element
def collect
collect = { File dir ->
    def pom = parse(new File(dir, 'pom.xml'))
    poms[text(pom, 'artifactId')] = pom
    children(child(pom, 'modules'), 'module').each { collect(new File(dir, it.textContent.trim())) }
}
collect(new File(reactorRoot).canonicalFile)
def skipped
skipped = { pom ->
    def own = text(child(pom, 'properties'), 'tracknum.publish.skip')
    if (own) return own == 'true'
    def parent = poms[text(child(pom, 'parent'), 'artifactId')]
    return parent != null && skipped(parent)
}
def published = poms.findAll { id, pom -> (text(pom, 'packaging') ?: 'jar') == 'jar' && !skipped(pom) }.keySet()
assert !published.isEmpty()
def missing = published - inBom
assert missing.isEmpty() : "published modules missing from bom/pom.xml: ${missing}"
def stale = inBom - published
assert stale.isEmpty() : "bom/pom.xml manages artifacts that no published module builds: ${stale}"
println "consumer-check: BOM manages ${inBom.sort()}, every published module"
return true
